package io.chengis.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretLookup;
import io.chengis.api.spi.SecretScope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The protocol every {@link SecretBackend} keeps. It has the hook of chengis-testkit's {@code
 * io.chengis.testkit.contract.SecretBackendContract} ({@code newBackend(Map<SecretLookup,
 * String>)}), which was being written in parallel and is not on this branch: once both are merged,
 * the Vault test extends that contract and this class goes.
 */
abstract class SecretBackendContractBase {
  static final OrgId ACME = OrgId.of("acme");
  static final OrgId OTHER = OrgId.of("other");
  static final JobId API = JobId.of("api");
  private static final SecretScope GLOBAL = new SecretScope.Global();

  /**
   * A new backend holding exactly these secrets (and nothing else).
   *
   * @param secrets each secret's name and scope, with its value
   * @return the backend
   */
  protected abstract SecretBackend newBackend(Map<SecretLookup, String> secrets);

  private static Map<SecretLookup, String> secrets(Object... pairs) {
    Map<SecretLookup, String> all = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      all.put((SecretLookup) pairs[i], (String) pairs[i + 1]);
    }
    return all;
  }

  @Test
  void lookup_storedSecret_found() {
    SecretBackend backend = newBackend(secrets(new SecretLookup("API_TOKEN", GLOBAL), "s3cr3t"));

    assertThat(backend.lookup(new SecretLookup("API_TOKEN", GLOBAL))).contains(Secret.of("s3cr3t"));
  }

  @Test
  void lookup_unknownName_emptyNotException() {
    SecretBackend backend = newBackend(Map.of());

    assertThat(backend.lookup(new SecretLookup("NOPE", GLOBAL))).isEmpty();
  }

  @Test
  void lookup_scopesAreSeparate() {
    SecretBackend backend =
        newBackend(
            secrets(
                new SecretLookup("DB", new SecretScope.Job(ACME, API)), "job-value",
                new SecretLookup("DB", new SecretScope.Org(ACME)), "org-value"));

    assertThat(backend.lookup(new SecretLookup("DB", new SecretScope.Job(ACME, API))))
        .contains(Secret.of("job-value"));
    assertThat(backend.lookup(new SecretLookup("DB", new SecretScope.Org(ACME))))
        .contains(Secret.of("org-value"));
    assertThat(backend.lookup(new SecretLookup("DB", GLOBAL))).isEmpty();
    assertThat(backend.lookup(new SecretLookup("DB", new SecretScope.Org(OTHER)))).isEmpty();
    assertThat(backend.lookup(new SecretLookup("DB", new SecretScope.Job(OTHER, API)))).isEmpty();
    assertThat(backend.lookup(new SecretLookup("DB", new SecretScope.Job(ACME, JobId.of("web")))))
        .isEmpty();
  }

  @Test
  void lookup_specialCharactersInValue_keptExactly() {
    String value = "line1\nline2 \"quoted\" ünïcödé $HOME ${{ x }} \\";
    SecretBackend backend = newBackend(secrets(new SecretLookup("PEM", GLOBAL), value));

    assertThat(backend.lookup(new SecretLookup("PEM", GLOBAL)).orElseThrow().reveal())
        .isEqualTo(value);
  }

  @Test
  void secretMaterial_neverInToStringOrExceptionMessages() {
    SecretBackend backend =
        newBackend(secrets(new SecretLookup("HIDDEN", GLOBAL), "hunter2-value"));
    backend.lookup(new SecretLookup("HIDDEN", GLOBAL));
    Throwable failure = catchThrowable(() -> backend.lookup(new SecretLookup("", GLOBAL)));

    assertThat(backend.toString()).doesNotContain("hunter2-value");
    if (failure != null) {
      assertThat(String.valueOf(failure.getMessage())).doesNotContain("hunter2-value");
    }
  }
}
