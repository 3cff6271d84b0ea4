package io.chengis.engine.secrets;

import static io.chengis.engine.secrets.SecretCipherTest.GLOBAL;
import static io.chengis.engine.secrets.SecretCipherTest.JOB;
import static io.chengis.engine.secrets.SecretCipherTest.KEY_1;
import static io.chengis.engine.secrets.SecretCipherTest.KEY_2;
import static io.chengis.engine.secrets.SecretCipherTest.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import io.chengis.api.spi.AuditQuery;
import io.chengis.api.spi.SecretLookup;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretLeakTest {
  private static final String SEEDED = "seeded-Sup3r-s3cret-7f1e";

  @Test
  void seededSecret_appearsInNoStringFormMessageOrAuditEntry() {
    List<String> seen = new ArrayList<>();
    InMemorySecretVault vault = new InMemorySecretVault();
    SecretCipher cipher = SecretCipher.of("k1", KEY_1);
    LocalSecretBackend local = LocalSecretBackend.of(cipher, vault);
    EnvSecretBackend env = EnvSecretBackend.of(Map.of("CHENGIS_SECRET_ENV_TOKEN", SEEDED));
    ListAuditLog audit = new ListAuditLog();
    SecretResolver resolver =
        SecretResolver.builder()
            .backend("local", local)
            .backend("env", env)
            .auditLog(audit)
            .clock(InstantSource.fixed(Instant.EPOCH))
            .build();

    local.put(JOB, "TOKEN", Secret.of(SEEDED));
    local.put(ORG, "TOKEN", Secret.of(SEEDED));
    EncryptedSecret record = vault.get(JOB, "TOKEN").orElseThrow();
    SecretRequest request = SecretRequest.of(OrgId.of("acme"), JobId.of("api"), "TOKEN", "alice");
    assertThat(resolver.resolve(request)).contains(Secret.of(SEEDED));
    assertThat(
            resolver.resolve(
                SecretRequest.of(OrgId.of("acme"), JobId.of("api"), "ENV_TOKEN", "alice")))
        .contains(Secret.of(SEEDED));
    seen.add(resolver.resolve(request).orElseThrow().toString());
    seen.add(local.lookup(new SecretLookup("TOKEN", JOB)).orElseThrow().toString());
    seen.add(env.lookup(new SecretLookup("ENV_TOKEN", GLOBAL)).orElseThrow().toString());
    seen.addAll(
        List.of(
            record.toString(),
            cipher.toString(),
            local.toString(),
            vault.toString(),
            env.toString(),
            resolver.toString(),
            request.toString()));
    seen.add(
        message(
            () ->
                LocalSecretBackend.of(SecretCipher.of("k1", KEY_2), vault)
                    .lookup(new SecretLookup("TOKEN", JOB))));
    seen.add(message(() -> SecretCipher.of("k9", KEY_1).decrypt(record)));
    seen.add(
        message(
            () ->
                cipher.decrypt(
                    new EncryptedSecret(
                        GLOBAL, "TOKEN", "k1", record.nonce(), record.ciphertext()))));
    seen.add(message(() -> cipher.encrypt(GLOBAL, "TOKEN", Secret.of(SEEDED + "\uD800"))));
    seen.add(message(() -> SecretCipher.of("k1", Secret.of(SEEDED.substring(0, 8)))));
    audit.read(new AuditQuery(OrgId.of("acme"), 0, 100)).forEach(r -> seen.add(r.toString()));

    assertThat(audit.entries()).hasSize(3);
    String base64 =
        Base64.getEncoder()
            .encodeToString(SEEDED.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(seen)
        .isNotEmpty()
        .allSatisfy(
            text ->
                assertThat(text)
                    .doesNotContain(SEEDED)
                    .doesNotContain(base64)
                    .doesNotContain(SEEDED.substring(0, 8)));
  }

  private static String message(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      StringBuilder all = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        all.append(t).append('\n');
      }
      return all.toString();
    }
    throw new AssertionError("expected a failure");
  }
}
