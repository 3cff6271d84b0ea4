package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;

/**
 * What starts builds of a pipeline besides a manual trigger. A closed set.
 *
 * <p>All implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Trigger permits Trigger.Cron, Trigger.Push, Trigger.PullRequest {

  /**
   * Where this trigger was declared.
   *
   * @return the location
   */
  SourceLocation location();

  /**
   * On a schedule written as a five-field cron expression ({@code minute hour day-of-month month
   * day-of-week}) or a macro such as {@code @daily}.
   *
   * @param expression the cron expression
   * @param location where it was declared
   * @since 0.1.0
   */
  record Cron(String expression, SourceLocation location) implements Trigger {
    /** Checks the components. */
    public Cron {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * On a push to a branch matching one of the globs (any branch when empty).
   *
   * @param branches branch globs
   * @param location where it was declared
   * @since 0.1.0
   */
  record Push(List<String> branches, SourceLocation location) implements Trigger {
    /** Checks and copies the components. */
    public Push {
      branches = OrderedCopies.list(branches, "branches");
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * On a pull or merge request targeting a branch matching one of the globs (any when empty).
   *
   * @param branches target branch globs
   * @param location where it was declared
   * @since 0.1.0
   */
  record PullRequest(List<String> branches, SourceLocation location) implements Trigger {
    /** Checks and copies the components. */
    public PullRequest {
      branches = OrderedCopies.list(branches, "branches");
      Objects.requireNonNull(location, "location");
    }
  }
}
