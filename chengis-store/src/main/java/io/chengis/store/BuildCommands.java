package io.chengis.store;

import io.chengis.api.BuildId;
import io.chengis.api.OrgId;
import java.util.List;

/**
 * Requests to builds that run in other processes: {@code chengis cancel|approve|reject} send them,
 * the process running the build polls {@link #pending} and marks each {@link #handled}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public interface BuildCommands {
  /**
   * Sends a request.
   *
   * @param command the request (its id is ignored)
   * @return the request with its id
   * @since 0.1.0
   */
  BuildCommand send(BuildCommand command);

  /**
   * The requests to a build not handled yet, oldest first.
   *
   * @param org the organization
   * @param buildId the build
   * @return the requests
   * @since 0.1.0
   */
  List<BuildCommand> pending(OrgId org, BuildId buildId);

  /**
   * Marks a request as applied.
   *
   * @param command the request
   * @since 0.1.0
   */
  void handled(BuildCommand command);

  /**
   * Whether a request was applied.
   *
   * @param command the request
   * @return {@code true} once the process running the build applied it
   * @since 0.1.0
   */
  boolean isHandled(BuildCommand command);
}
