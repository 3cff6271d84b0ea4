package io.chengis.api;

/**
 * A plugin could not be found, loaded, trusted or called.
 *
 * @since 0.1.0
 */
public class PluginException extends ChengisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message in the house shape (where, what, the value, the fix)
   */
  public PluginException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message the message in the house shape (where, what, the value, the fix)
   * @param cause the underlying failure
   */
  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
