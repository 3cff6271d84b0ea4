package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.OrgId;
import java.util.Objects;

/**
 * Names one stored artifact: a file kept from a build.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param buildId the build that produced it
 * @param path its workspace-relative path, with {@code /} separators, e.g. {@code target/app.jar}
 * @since 0.1.0
 */
public record ArtifactRef(OrgId org, BuildId buildId, String path) {
  /** Checks the components. */
  public ArtifactRef {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(path, "path");
  }
}
