package io.chengis.engine.secrets.internal;

import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretBackendProvider;
import io.chengis.engine.secrets.InMemorySecretVault;
import io.chengis.engine.secrets.LocalSecretBackend;
import io.chengis.engine.secrets.SecretCipher;
import io.chengis.engine.secrets.SecretException;

/**
 * Creates the {@code local} secret backend: an encrypted store in memory, keyed by the setting
 * {@value #MASTER_KEY}, under key id {@value #KEY_ID}. Hosts that persist secrets build a {@link
 * LocalSecretBackend} over their own vault instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class LocalSecretBackendProvider implements SecretBackendProvider {
  /** The only setting read: the master key. */
  public static final String MASTER_KEY = "masterKey";

  /** The key id of the master key given by the setting. */
  public static final String KEY_ID = "primary";

  private static final String WHERE = "secret backend \"local\"";

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public LocalSecretBackendProvider() {}

  @Override
  public String type() {
    return "local";
  }

  @Override
  public SecretBackend create(ProviderContext context) {
    String masterKey = context.setting(MASTER_KEY).filter(key -> !key.isBlank()).orElse(null);
    if (masterKey == null) {
      throw new PluginException(
          WHERE
              + ": setting \""
              + MASTER_KEY
              + "\" is missing (was "
              + (context.setting(MASTER_KEY).isPresent() ? "blank" : "not set")
              + "); set \""
              + MASTER_KEY
              + "\", e.g. from the environment variable CHENGIS_SECRETS_MASTER_KEY, to 32 random"
              + " bytes in base64 (openssl rand -base64 32) or a passphrase of at least "
              + Kdf.MIN_PASSPHRASE_LENGTH
              + " characters");
    }
    try {
      return LocalSecretBackend.of(
          SecretCipher.of(KEY_ID, Secret.of(masterKey)), new InMemorySecretVault());
    } catch (SecretException e) {
      // The message already says what to fix; a stack trace would add nothing for a setting.
      throw new PluginException(WHERE + ": setting \"" + MASTER_KEY + "\": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "LocalSecretBackendProvider[local]";
  }
}
