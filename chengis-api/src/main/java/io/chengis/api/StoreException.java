package io.chengis.api;

/**
 * A store could not read or write (database unreachable, migration failed, constraint broken).
 *
 * @since 0.1.0
 */
public class StoreException extends ChengisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message in the house shape (where, what, the value, the fix)
   */
  public StoreException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message the message in the house shape (where, what, the value, the fix)
   * @param cause the underlying failure
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
