package io.chengis.engine;

import io.chengis.api.ScmEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why and how a build starts: who asked, the parameter values, and the branch and commit being
 * built (used by branch conditions and exposed to steps).
 *
 * <p>Immutable and thread-safe; copies are made with the {@code with...} methods.
 *
 * @param triggeredBy who or what started the build, e.g. a user name or {@code cron}
 * @param parameters parameter values by name; missing ones take their defaults
 * @param branch the branch being built, if known
 * @param commit the commit being built, if known
 * @param scm the forge event that started the build (push, tag, pull request), if one did
 * @since 0.1.0
 */
public record TriggerRequest(
    String triggeredBy,
    Map<String, String> parameters,
    Optional<String> branch,
    Optional<String> commit,
    Optional<ScmEvent> scm) {

  /** Checks and copies the components. */
  public TriggerRequest {
    Objects.requireNonNull(triggeredBy, "triggeredBy");
    parameters = copy(parameters);
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(scm, "scm");
  }

  /**
   * A request without a forge event.
   *
   * @param triggeredBy who or what started the build
   * @param parameters parameter values by name
   * @param branch the branch being built, if known
   * @param commit the commit being built, if known
   */
  public TriggerRequest(
      String triggeredBy,
      Map<String, String> parameters,
      Optional<String> branch,
      Optional<String> commit) {
    this(triggeredBy, parameters, branch, commit, Optional.empty());
  }

  /**
   * A request for a forge event: the build runs the event's commit on its branch (the head branch
   * of a pull request; none for a tag), triggered by {@code <provider> <kind> by <author>}.
   *
   * @param event the push, tag or pull request
   * @return the request
   */
  public static TriggerRequest of(ScmEvent event) {
    return new TriggerRequest(
        event.provider()
            + " "
            + event.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + " by "
            + event.author(),
        Map.of(),
        event.branch(),
        Optional.of(event.commit()),
        Optional.of(event));
  }

  /**
   * A manual trigger by an unnamed user, without parameters, branch or commit.
   *
   * @return the request
   */
  public static TriggerRequest manual() {
    return new TriggerRequest("manual", Map.of(), Optional.empty(), Optional.empty());
  }

  /**
   * A copy naming who started the build.
   *
   * @param who the user or system
   * @return the copy
   */
  public TriggerRequest withTriggeredBy(String who) {
    return new TriggerRequest(who, parameters, branch, commit, scm);
  }

  /**
   * A copy with one more parameter value.
   *
   * @param name the parameter name
   * @param value its value
   * @return the copy
   */
  public TriggerRequest withParameter(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(parameters);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new TriggerRequest(triggeredBy, more, branch, commit, scm);
  }

  /**
   * A copy building this branch.
   *
   * @param name the branch, e.g. {@code main} or {@code feature/login}
   * @return the copy
   */
  public TriggerRequest withBranch(String name) {
    return new TriggerRequest(triggeredBy, parameters, Optional.of(name), commit, scm);
  }

  /**
   * A copy building this commit.
   *
   * @param sha the commit id
   * @return the copy
   */
  public TriggerRequest withCommit(String sha) {
    return new TriggerRequest(triggeredBy, parameters, branch, Optional.of(sha), scm);
  }

  private static Map<String, String> copy(Map<String, String> parameters) {
    Map<String, String> copy = new LinkedHashMap<>();
    Objects.requireNonNull(parameters, "parameters")
        .forEach(
            (name, value) ->
                copy.put(
                    Objects.requireNonNull(name, "parameter name"),
                    Objects.requireNonNull(value, "parameter value")));
    return Collections.unmodifiableMap(copy);
  }
}
