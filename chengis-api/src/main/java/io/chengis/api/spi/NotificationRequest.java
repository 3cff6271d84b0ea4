package io.chengis.api.spi;

import io.chengis.api.BuildResult;
import io.chengis.api.OrgId;
import io.chengis.api.internal.OrderedCopies;
import java.util.Map;
import java.util.Objects;

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
 * @since 0.1.0
 */
public record NotificationRequest(OrgId org, BuildResult result, Map<String, String> config) {
  /** Checks and copies the components. */
  public NotificationRequest {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(result, "result");
    config = OrderedCopies.map(config, "config");
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
        + "]";
  }
}
