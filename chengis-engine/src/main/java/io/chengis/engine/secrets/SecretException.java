package io.chengis.engine.secrets;

import io.chengis.api.ChengisException;

/**
 * A secret could not be encrypted, decrypted or looked up: a master key that does not match, a
 * stored record that was altered, an unknown key id, a backend that failed. The message follows the
 * house shape and never contains secret material or key material.
 *
 * @since 0.1.0
 */
public class SecretException extends ChengisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message in the house shape (where, what, the value, the fix)
   * @since 0.1.0
   */
  public SecretException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message the message in the house shape (where, what, the value, the fix)
   * @param cause the underlying failure
   * @since 0.1.0
   */
  public SecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
