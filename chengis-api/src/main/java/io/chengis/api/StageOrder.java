package io.chengis.api;

/**
 * How the stages of a pipeline are ordered when they run.
 *
 * @since 0.1.0
 */
public enum StageOrder {
  /**
   * Declaration order: each stage waits for the one before it and the first failure skips the rest,
   * unless some stage declares {@code dependsOn}, which makes the stages a DAG (the default of the
   * Java DSL, Chengisfiles and Chengis YAML).
   */
  DECLARATION,
  /**
   * Dependencies only: a stage waits for the stages it declares in {@code dependsOn} and nothing
   * else, so stages without dependencies run side by side (GitHub Actions' jobs without {@code
   * needs}).
   */
  DEPENDENCIES
}
