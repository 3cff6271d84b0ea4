package io.chengis.api;

/**
 * The stream a line of step output was written to.
 *
 * @since 0.1.0
 */
public enum LogStream {
  /**
   * Standard output.
   *
   * @since 0.1.0
   */
  STDOUT,
  /**
   * Standard error.
   *
   * @since 0.1.0
   */
  STDERR
}
