package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.Secret;
import io.chengis.api.SourceSpec;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to check out, and where.
 *
 * <p>Holds the repository credential, so {@link #toString()} never shows it. Immutable and
 * thread-safe.
 *
 * @param buildId the build
 * @param source the repository, ref, depth and submodule choice as declared
 * @param credential the resolved HTTPS token or SSH private key, when the source names one
 * @param workspace the directory to check out into, empty or absent
 * @param log where to write progress lines
 * @param cancellation fires when the build is cancelled
 * @param baseCommit the commit to list changed files against (the previous successful build's, or
 *     one the trigger gave); empty when there is none
 * @since 0.1.0
 */
public record CheckoutRequest(
    BuildId buildId,
    SourceSpec source,
    Optional<Secret> credential,
    Path workspace,
    LogSink log,
    Cancellation cancellation,
    Optional<String> baseCommit) {
  /** Checks the components. */
  public CheckoutRequest {
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(cancellation, "cancellation");
    Objects.requireNonNull(baseCommit, "baseCommit");
  }

  /**
   * A request without a base commit.
   *
   * @param buildId the build
   * @param source the repository, ref, depth and submodule choice as declared
   * @param credential the resolved HTTPS token or SSH private key
   * @param workspace the directory to check out into, empty or absent
   * @param log where to write progress lines
   * @param cancellation fires when the build is cancelled
   */
  public CheckoutRequest(
      BuildId buildId,
      SourceSpec source,
      Optional<Secret> credential,
      Path workspace,
      LogSink log,
      Cancellation cancellation) {
    this(buildId, source, credential, workspace, log, cancellation, Optional.empty());
  }

  /**
   * The request without the credential.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "CheckoutRequest[buildId="
        + buildId
        + ", url="
        + source.url().replaceAll("//[^/@]*@", "//***@")
        + ", credential="
        + (credential.isPresent() ? "***" : "none")
        + ", workspace="
        + workspace
        + ", baseCommit="
        + baseCommit.orElse("none")
        + "]";
  }
}
