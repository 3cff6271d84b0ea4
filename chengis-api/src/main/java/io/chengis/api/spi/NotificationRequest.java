package io.chengis.api.spi;

import io.chengis.api.BuildResult;
import io.chengis.api.Conclusion;
import io.chengis.api.OrgId;
import io.chengis.api.internal.OrderedCopies;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished build to tell people about, with the notification's configuration.
 *
 * <p>Configuration values may be secret (webhook URLs, tokens), already resolved from {@code ${{
 * secrets.NAME }}} expressions, so {@link #toString()} shows their keys only. Immutable and
 * thread-safe.
 *
 * @param org the organization of the build
 * @param result the build's result
 * @param config the notification's configuration, resolved, in declaration order
 * @param previous the conclusion of the job's previous finished build, when there is one
 * @param detailsUrl where to see the build, when the host has a UI
 * @since 0.1.0
 */
public record NotificationRequest(
    OrgId org,
    BuildResult result,
    Map<String, String> config,
    Optional<Conclusion> previous,
    Optional<URI> detailsUrl) {
  /** Checks and copies the components. */
  public NotificationRequest {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(result, "result");
    config = OrderedCopies.map(config, "config");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(detailsUrl, "detailsUrl");
  }

  /**
   * A request without a previous build or a link.
   *
   * @param org the organization of the build
   * @param result the build's result
   * @param config the notification's configuration
   * @since 0.1.0
   */
  public NotificationRequest(OrgId org, BuildResult result, Map<String, String> config) {
    this(org, result, config, Optional.empty(), Optional.empty());
  }

  /**
   * Whether this build failed and the previous one did not (the build broke).
   *
   * @return {@code true} when the build is broken by this build
   * @since 0.1.0
   */
  public boolean broken() {
    return result.conclusion().isFailing() && previous.filter(p -> !p.isFailing()).isPresent();
  }

  /**
   * Whether this build succeeded and the previous one failed (the build is fixed).
   *
   * @return {@code true} when this build fixed the job
   * @since 0.1.0
   */
  public boolean fixed() {
    return !result.conclusion().isFailing() && previous.filter(Conclusion::isFailing).isPresent();
  }

  /**
   * The request without configuration values, which may be secret.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "NotificationRequest[org="
        + org
        + ", build="
        + result.buildId()
        + ", conclusion="
        + result.conclusion()
        + ", config="
        + config.keySet()
        + ", previous="
        + previous
        + "]";
  }
}
