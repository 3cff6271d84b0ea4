package io.chengis.engine;

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
 * @since 0.1.0
 */
public record TriggerRequest(
    String triggeredBy,
    Map<String, String> parameters,
    Optional<String> branch,
    Optional<String> commit) {

  /** Checks and copies the components. */
  public TriggerRequest {
    Objects.requireNonNull(triggeredBy, "triggeredBy");
    parameters = copy(parameters);
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(commit, "commit");
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
    return new TriggerRequest(who, parameters, branch, commit);
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
    return new TriggerRequest(triggeredBy, more, branch, commit);
  }

  /**
   * A copy building this branch.
   *
   * @param name the branch, e.g. {@code main} or {@code feature/login}
   * @return the copy
   */
  public TriggerRequest withBranch(String name) {
    return new TriggerRequest(triggeredBy, parameters, Optional.of(name), commit);
  }

  /**
   * A copy building this commit.
   *
   * @param sha the commit id
   * @return the copy
   */
  public TriggerRequest withCommit(String sha) {
    return new TriggerRequest(triggeredBy, parameters, branch, Optional.of(sha));
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
