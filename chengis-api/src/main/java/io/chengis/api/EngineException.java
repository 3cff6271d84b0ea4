package io.chengis.api;

/**
 * The engine could not do what was asked (it is closed, a build is unknown, a limit was reached).
 *
 * @since 0.1.0
 */
public class EngineException extends ChengisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message in the house shape (where, what, the value, the fix)
   */
  public EngineException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message the message in the house shape (where, what, the value, the fix)
   * @param cause the underlying failure
   */
  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
