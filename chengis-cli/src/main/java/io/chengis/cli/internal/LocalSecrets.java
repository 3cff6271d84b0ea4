package io.chengis.cli.internal;

import io.chengis.api.Secret;
import io.chengis.api.spi.AuditLog;
import io.chengis.engine.secrets.LocalSecretBackend;
import io.chengis.engine.secrets.SecretCipher;
import io.chengis.engine.secrets.SecretResolver;
import io.chengis.store.SqlStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;

/**
 * The CLI's local secrets: AES-256-GCM sealed in the database, under a master key from {@code
 * CHENGIS_MASTER_KEY} or, when unset, {@code master.key} in the Chengis home (made on first use,
 * readable by its owner only).
 */
final class LocalSecrets {
  static final String KEY_ID = "local-1";

  private LocalSecrets() {}

  static LocalSecretBackend backend(SqlStores stores, CliConfig config, Map<String, String> env) {
    return LocalSecretBackend.of(
        SecretCipher.of(KEY_ID, masterKey(config.home(), env)),
        new SqlSecretVault(stores.secrets()));
  }

  static SecretResolver resolver(
      SqlStores stores, CliConfig config, Map<String, String> env, AuditLog audit) {
    return SecretResolver.builder()
        .backend("local", backend(stores, config, env))
        .auditLog(audit)
        .clock(InstantSource.system())
        .build();
  }

  private static Secret masterKey(Path home, Map<String, String> env) {
    String fromEnv = env.get("CHENGIS_MASTER_KEY");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Secret.of(fromEnv);
    }
    Path file = home.resolve("master.key");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(home);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        } catch (FileAlreadyExistsException raced) {
          // another chengis process made it first: use theirs
        }
      }
      return Secret.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new CliConfig.ConfigException(
          file
              + ": the master key cannot be read or made (was "
              + e.getMessage()
              + "); set CHENGIS_MASTER_KEY or fix the directory's permissions");
    }
  }
}
