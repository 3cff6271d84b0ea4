package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;

/**
 * When a stage or step runs. A closed set: the engine evaluates every kind exhaustively.
 *
 * <p>All implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Condition
    permits Condition.Always,
        Condition.Never,
        Condition.OnBranch,
        Condition.ParamEquals,
        Condition.Expression,
        Condition.AllOf,
        Condition.AnyOf,
        Condition.Not,
        Condition.ChangedFiles {

  /** The condition that always holds: the default for every stage and step. */
  Condition ALWAYS = new Always();

  /** The condition that never holds. */
  Condition NEVER = new Never();

  /**
   * Always holds.
   *
   * @since 0.1.0
   */
  record Always() implements Condition {}

  /**
   * Never holds (a stage or step switched off).
   *
   * @since 0.1.0
   */
  record Never() implements Condition {}

  /**
   * Holds when the branch being built matches a glob ({@code *} within a path segment, {@code **}
   * across segments, {@code ?} one character), for example {@code main} or {@code release/**}.
   *
   * @param glob the branch glob
   * @since 0.1.0
   */
  record OnBranch(String glob) implements Condition {
    /** Checks the components. */
    public OnBranch {
      Objects.requireNonNull(glob, "glob");
    }
  }

  /**
   * Holds when a build parameter has exactly this value (compared as text; booleans as {@code
   * true}/{@code false}).
   *
   * @param name the parameter name
   * @param value the expected value
   * @since 0.1.0
   */
  record ParamEquals(String name, String value) implements Condition {
    /** Checks the components. */
    public ParamEquals {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Holds when a {@code ${{ }}} expression (GitHub Actions semantics) is truthy. Without a status
   * function the expression means {@code success() && (source)}.
   *
   * @param source the expression text, without the surrounding {@code ${{ }}}
   * @since 0.1.0
   */
  record Expression(String source) implements Condition {
    /** Checks the components. */
    public Expression {
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * Holds when every condition holds (and when the list is empty).
   *
   * @param conditions the conditions, in order
   * @since 0.1.0
   */
  record AllOf(List<Condition> conditions) implements Condition {
    /** Checks and copies the components. */
    public AllOf {
      conditions = OrderedCopies.list(conditions, "conditions");
    }
  }

  /**
   * Holds when at least one condition holds (never when the list is empty).
   *
   * @param conditions the conditions, in order
   * @since 0.1.0
   */
  record AnyOf(List<Condition> conditions) implements Condition {
    /** Checks and copies the components. */
    public AnyOf {
      conditions = OrderedCopies.list(conditions, "conditions");
    }
  }

  /**
   * Holds when the inner condition does not.
   *
   * @param condition the negated condition
   * @since 0.1.0
   */
  record Not(Condition condition) implements Condition {
    /** Checks the components. */
    public Not {
      Objects.requireNonNull(condition, "condition");
    }
  }

  /**
   * Holds when the build's changed files (since the previous successful build or a given base
   * commit) include one that matches a {@code paths} glob and no {@code pathsIgnore} glob: the
   * monorepo filter of a stage. An empty {@code paths} means every file. When the changed files are
   * unknown (no source, first build, base commit not in the history) the condition holds, so a
   * filter never hides work it cannot judge.
   *
   * <p>Globs are workspace-relative: {@code **} crosses directories, {@code *} and {@code ?} do
   * not, {@code {a,b}} picks alternatives.
   *
   * @param paths the globs of files that make the stage run; empty for every file
   * @param pathsIgnore the globs of files that do not count as changes
   * @since 0.1.0
   */
  record ChangedFiles(List<String> paths, List<String> pathsIgnore) implements Condition {
    /** Checks and copies the components. */
    public ChangedFiles {
      paths = OrderedCopies.list(paths, "paths");
      pathsIgnore = OrderedCopies.list(pathsIgnore, "pathsIgnore");
    }
  }
}
