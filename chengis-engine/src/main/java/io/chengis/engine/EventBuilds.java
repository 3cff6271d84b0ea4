package io.chengis.engine;

import io.chengis.api.JobId;
import io.chengis.api.ScmEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a forge event started: the builds of the registered jobs whose triggers match it, and the
 * matching jobs that could not start, each with the reason.
 *
 * @param event the push, tag or pull request
 * @param started the builds started by job, in job name order
 * @param refused one line per matching job that could not start: {@code <job>: <reason>}
 * @since 0.1.0
 */
public record EventBuilds(ScmEvent event, Map<JobId, BuildHandle> started, List<String> refused) {
  /** Checks and copies the components. */
  public EventBuilds {
    Objects.requireNonNull(event, "event");
    started = Collections.unmodifiableMap(new LinkedHashMap<>(started));
    refused = List.copyOf(refused);
  }

  /**
   * One line per job: {@code started <job> #<number> (<build id>)} or {@code refused <job>:
   * <reason>}; empty when no registered job matched.
   *
   * @return the lines, started builds first
   * @since 0.1.0
   */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    started.forEach(
        (job, build) ->
            lines.add("started " + job + " #" + build.number() + " (" + build.id() + ")"));
    refused.forEach(reason -> lines.add("refused " + reason));
    return List.copyOf(lines);
  }
}
