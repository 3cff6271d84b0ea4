package io.chengis.dsl;

import io.chengis.api.Condition;
import java.util.List;

/**
 * Factories for conditions: {@code s.when(allOf(onBranch("main"), paramEquals("deploy", "true")))}.
 *
 * @since 0.1.0
 */
public final class Conditions {
  private Conditions() {}

  /**
   * Always holds (the default).
   *
   * @return the condition
   */
  public static Condition always() {
    return Condition.ALWAYS;
  }

  /**
   * Never holds.
   *
   * @return the condition
   */
  public static Condition never() {
    return Condition.NEVER;
  }

  /**
   * Holds when the branch being built matches the glob, e.g. {@code "main"} or {@code
   * "release/**"}.
   *
   * @param glob the branch glob
   * @return the condition
   */
  public static Condition onBranch(String glob) {
    return new Condition.OnBranch(glob);
  }

  /**
   * Holds when a parameter has this value.
   *
   * @param parameter the parameter name
   * @param value the expected value
   * @return the condition
   */
  public static Condition paramEquals(String parameter, String value) {
    return new Condition.ParamEquals(parameter, value);
  }

  /**
   * Holds when a changed file matches one of the {@code paths} globs and none of the {@code
   * pathsIgnore} globs (or when the changed files are unknown): a monorepo filter.
   *
   * @param paths globs of files whose change counts; empty for every file
   * @param pathsIgnore globs of files whose change does not count
   * @return the condition
   */
  public static Condition changed(List<String> paths, List<String> pathsIgnore) {
    return new Condition.ChangedFiles(paths, pathsIgnore);
  }

  /**
   * Holds when a {@code ${{ }}} expression is truthy, e.g. {@code "github.event_name == 'push'"}.
   *
   * @param source the expression text without {@code ${{ }}}
   * @return the condition
   */
  public static Condition expression(String source) {
    return new Condition.Expression(source);
  }

  /**
   * Holds when every condition holds.
   *
   * @param conditions the conditions
   * @return the condition
   */
  public static Condition allOf(Condition... conditions) {
    return new Condition.AllOf(List.of(conditions));
  }

  /**
   * Holds when at least one condition holds.
   *
   * @param conditions the conditions
   * @return the condition
   */
  public static Condition anyOf(Condition... conditions) {
    return new Condition.AnyOf(List.of(conditions));
  }

  /**
   * Holds when the condition does not.
   *
   * @param condition the condition to negate
   * @return the condition
   */
  public static Condition not(Condition condition) {
    return new Condition.Not(condition);
  }
}
