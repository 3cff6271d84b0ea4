package io.chengis.api;

/**
 * The root of every exception Chengis throws. Unchecked: a failing build is a value ({@link
 * BuildResult} with a failing conclusion), never an exception; exceptions mean a definition,
 * plugin, store or engine could not do what was asked.
 *
 * @since 0.1.0
 */
public abstract class ChengisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message the message in the house shape (where, what, the value, the fix)
   */
  protected ChengisException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message the message in the house shape (where, what, the value, the fix)
   * @param cause the underlying failure
   */
  protected ChengisException(String message, Throwable cause) {
    super(message, cause);
  }
}
