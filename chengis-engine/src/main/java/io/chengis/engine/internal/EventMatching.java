package io.chengis.engine.internal;

import io.chengis.api.Pipeline;
import io.chengis.api.ScmEvent;
import io.chengis.api.Trigger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a forge event starts a build of a pipeline: its push or pull request triggers must let
 * the event through, and a pipeline that declares a source must be of the event's repository.
 */
public final class EventMatching {
  private EventMatching() {}

  /** Whether the event starts a build of the pipeline. */
  public static boolean matches(Pipeline pipeline, ScmEvent event) {
    if (pipeline.source().isPresent()
        && !sameRepository(pipeline.source().get().url(), event.repositoryUrl())) {
      return false;
    }
    for (Trigger trigger : pipeline.triggers()) {
      boolean matched =
          switch (trigger) {
            case Trigger.Push push ->
                event.kind() != ScmEvent.Kind.PULL_REQUEST
                    && push.matches(event.ref(), event.changedFiles());
            case Trigger.PullRequest pull ->
                event
                    .pullRequest()
                    .filter(
                        request ->
                            pull.matches(
                                activity(request.action()), request.base(), event.changedFiles()))
                    .isPresent();
            case Trigger.Cron cron -> false;
          };
      if (matched) {
        return true;
      }
    }
    return false;
  }

  /**
   * A pull request action as GitHub names the activity ({@code opened}, {@code synchronize}, {@code
   * reopened}), which is what the triggers' {@code types} use: GitLab's {@code open}, {@code
   * reopen} and {@code update}, Gitea's {@code synchronized}, Bitbucket's {@code created} and
   * {@code updated}.
   */
  static String activity(String action) {
    return switch (action) {
      case "open", "created" -> "opened";
      case "reopen" -> "reopened";
      case "update", "updated", "synchronized" -> "synchronize";
      default -> action;
    };
  }

  /**
   * Whether two clone URLs name one repository: host and path compared without case, user info,
   * port, a trailing {@code .git} or slash; {@code git@host:owner/repo} counts as {@code
   * host/owner/repo}.
   */
  static boolean sameRepository(String declared, String received) {
    Optional<String> left = key(declared);
    return left.isPresent() && left.equals(key(received));
  }

  private static Optional<String> key(String url) {
    String text = url.strip();
    String hostAndPath;
    if (!text.contains("://") && text.matches("[^/@]+@[^:/]+:.+")) {
      hostAndPath = text.substring(text.indexOf('@') + 1).replaceFirst(":", "/");
    } else {
      try {
        URI uri = new URI(text);
        if (uri.getHost() == null) {
          return Optional.of(text.toLowerCase(Locale.ROOT));
        }
        hostAndPath = uri.getHost() + (uri.getPath() == null ? "" : uri.getPath());
      } catch (URISyntaxException malformed) {
        return Optional.of(text.toLowerCase(Locale.ROOT));
      }
    }
    String key = hostAndPath.toLowerCase(Locale.ROOT);
    while (key.endsWith("/")) {
      key = key.substring(0, key.length() - 1);
    }
    if (key.endsWith(".git")) {
      key = key.substring(0, key.length() - ".git".length());
    }
    return Optional.of(key);
  }
}
