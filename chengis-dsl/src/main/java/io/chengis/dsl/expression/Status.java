package io.chengis.dsl.expression;

/**
 * The status of the work before a condition, read by the status functions {@code success()}, {@code
 * failure()} and {@code cancelled()}.
 *
 * @since 0.1.0
 */
public enum Status {
  /** Nothing before has failed or been cancelled. */
  SUCCESS,
  /** Something before has failed. */
  FAILURE,
  /** The build was cancelled. */
  CANCELLED
}
