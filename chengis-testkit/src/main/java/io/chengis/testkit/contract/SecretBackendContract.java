package io.chengis.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chengis.api.JobId;
import io.chengis.api.Secret;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretLookup;
import io.chengis.api.spi.SecretScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link SecretBackend}, for every implementation: a stored secret is found by its
 * name in its scope and nowhere else, an absent one is empty (not an exception), values come back
 * exactly, and no value ever appears in a {@code toString} or an exception message.
 *
 * <pre>{@code
 * class VaultSecretBackendTest extends SecretBackendContract {
 *   protected SecretBackend newBackend(Map<SecretLookup, String> secrets) {
 *     secrets.forEach((lookup, value) -> vault.write(path(lookup), value));
 *     return new VaultSecretBackend(vault.address(), token);
 *   }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class SecretBackendContract {
  private static final SecretScope GLOBAL = new SecretScope.Global();
  private static final SecretScope ACME = new SecretScope.Org(StoreFixtures.ACME);
  private static final SecretScope GLOBEX = new SecretScope.Org(StoreFixtures.GLOBEX);
  private static final SecretScope API_JOB =
      new SecretScope.Job(StoreFixtures.ACME, JobId.of("api"));
  private static final SecretScope WEB_JOB =
      new SecretScope.Job(StoreFixtures.ACME, JobId.of("web"));

  /** For subclasses, which supply the implementation under test. */
  protected SecretBackendContract() {}

  /**
   * A new backend holding exactly these secrets (and nothing else); only scopes of {@link
   * #scopes()} are given.
   *
   * @param secrets each secret's name and scope, with its value
   * @return the backend
   */
  protected abstract SecretBackend newBackend(Map<SecretLookup, String> secrets);

  /**
   * The kinds of scope the backend can hold (all three by default; the environment backend holds
   * global secrets only).
   *
   * @return the scope kinds
   */
  protected Set<Class<? extends SecretScope>> scopes() {
    return Set.of(SecretScope.Global.class, SecretScope.Org.class, SecretScope.Job.class);
  }

  private boolean holds(SecretScope scope) {
    return scopes().contains(scope.getClass());
  }

  private SecretBackend backend(Map<SecretLookup, String> secrets) {
    Map<SecretLookup, String> supported = new LinkedHashMap<>();
    secrets.forEach(
        (lookup, value) -> {
          if (holds(lookup.scope())) {
            supported.put(lookup, value);
          }
        });
    return newBackend(supported);
  }

  private static SecretLookup at(String name, SecretScope scope) {
    return new SecretLookup(name, scope);
  }

  @Test
  void lookup_storedSecret_returnsItsValueInEveryScopeItCanHold() {
    Map<SecretLookup, String> secrets = new LinkedHashMap<>();
    secrets.put(at("DEPLOY_TOKEN", GLOBAL), "global-value");
    secrets.put(at("DEPLOY_TOKEN", ACME), "org-value");
    secrets.put(at("DEPLOY_TOKEN", API_JOB), "job-value");
    SecretBackend backend = backend(secrets);

    secrets.forEach(
        (lookup, value) -> {
          if (holds(lookup.scope())) {
            assertThat(backend.lookup(lookup).map(Secret::reveal)).contains(value);
          }
        });
  }

  @Test
  void lookup_unknownName_isEmpty() {
    SecretBackend backend = backend(Map.of(at("KNOWN", GLOBAL), "v"));

    assertThat(backend.lookup(at("UNKNOWN", GLOBAL))).isEmpty();
    assertThat(backend.lookup(at("UNKNOWN", ACME))).isEmpty();
    assertThat(backend.lookup(at("UNKNOWN", API_JOB))).isEmpty();
  }

  @Test
  void lookup_secretOfOneScope_isNotFoundInAnother() {
    Map<SecretLookup, String> secrets = new LinkedHashMap<>();
    secrets.put(at("ONLY_GLOBAL", GLOBAL), "g");
    secrets.put(at("ONLY_ACME", ACME), "o");
    secrets.put(at("ONLY_API", API_JOB), "j");
    SecretBackend backend = backend(secrets);

    assertThat(backend.lookup(at("ONLY_GLOBAL", ACME))).isEmpty();
    assertThat(backend.lookup(at("ONLY_GLOBAL", API_JOB))).isEmpty();
    assertThat(backend.lookup(at("ONLY_ACME", GLOBAL))).isEmpty();
    assertThat(backend.lookup(at("ONLY_ACME", GLOBEX))).isEmpty();
    assertThat(backend.lookup(at("ONLY_ACME", API_JOB))).isEmpty();
    assertThat(backend.lookup(at("ONLY_API", WEB_JOB))).isEmpty();
    assertThat(backend.lookup(at("ONLY_API", ACME))).isEmpty();
  }

  @Test
  void lookup_awkwardValues_comeBackExactly() {
    List<String> values =
        List.of(
            "p@ss=w0rd;&|$(x)", "line one\nline two", "ünïcødé ✓ 秘密", " spaced ", "a".repeat(4096));
    Map<SecretLookup, String> secrets = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      secrets.put(at("VALUE_" + i, GLOBAL), values.get(i));
    }
    SecretBackend backend = backend(secrets);

    for (int i = 0; i < values.size(); i++) {
      assertThat(backend.lookup(at("VALUE_" + i, GLOBAL)).map(Secret::reveal))
          .contains(values.get(i));
    }
  }

  @Test
  void lookup_fromManyThreadsAtOnce_everyoneGetsTheValue() throws Exception {
    SecretBackend backend = backend(Map.of(at("SHARED", GLOBAL), "same-for-all"));
    List<Callable<Optional<String>>> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tasks.add(() -> backend.lookup(at("SHARED", GLOBAL)).map(Secret::reveal));
    }

    assertThat(StoreFixtures.concurrently(tasks)).containsOnly(Optional.of("same-for-all"));
  }

  @Test
  void values_neverAppearInToStringsOrFailureMessages() {
    String value = "s3cr3t-contract-value-42";
    SecretBackend backend = backend(Map.of(at("TOKEN", GLOBAL), value));

    Optional<Secret> secret = backend.lookup(at("TOKEN", GLOBAL));
    Throwable odd = catchThrowable(() -> backend.lookup(at("", GLOBAL)));

    assertThat(backend.toString()).doesNotContain(value);
    assertThat(secret.map(Secret::toString).orElse("")).doesNotContain(value);
    if (odd != null) {
      assertThat(odd.toString()).doesNotContain(value);
    }
  }
}
