package io.chengis.api.spi;

import io.chengis.api.BuildId;
import io.chengis.api.OrgId;
import java.util.Objects;

/**
 * A build within its organization: the key of per-build store calls.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param buildId the build
 * @since 0.1.0
 */
public record BuildRef(OrgId org, BuildId buildId) {
  /** Checks the components. */
  public BuildRef {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(buildId, "buildId");
  }
}
