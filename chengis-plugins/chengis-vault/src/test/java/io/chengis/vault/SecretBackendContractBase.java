package io.chengis.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretLookup;
import io.chengis.api.spi.SecretScope;
import org.junit.jupiter.api.Test;

/**
 * The protocol every {@link SecretBackend} keeps, written so that it can move to chengis-testkit's
 * {@code io.chengis.testkit.contract} as {@code SecretBackendContract} (being written there in
 * parallel): a subclass supplies a backend and a way to seed secrets into what backs it.
 */
abstract class SecretBackendContractBase {
  static final OrgId ACME = OrgId.of("acme");
  static final OrgId OTHER = OrgId.of("other");
  static final JobId API = JobId.of("api");

  /** The backend under test, reading what {@link #seed} wrote. */
  protected abstract SecretBackend backend();

  /** Stores a secret where the backend reads it. */
  protected abstract void seed(SecretScope scope, String name, String value);

  @Test
  void lookup_seededSecret_found() {
    seed(new SecretScope.Global(), "API_TOKEN", "s3cr3t-global");

    assertThat(backend().lookup(new SecretLookup("API_TOKEN", new SecretScope.Global())))
        .contains(Secret.of("s3cr3t-global"));
  }

  @Test
  void lookup_unknownName_emptyNotException() {
    assertThat(backend().lookup(new SecretLookup("NOPE", new SecretScope.Global()))).isEmpty();
  }

  @Test
  void lookup_scopesAreSeparate() {
    seed(new SecretScope.Job(ACME, API), "DB", "job-value");
    seed(new SecretScope.Org(ACME), "DB", "org-value");

    assertThat(backend().lookup(new SecretLookup("DB", new SecretScope.Job(ACME, API))))
        .contains(Secret.of("job-value"));
    assertThat(backend().lookup(new SecretLookup("DB", new SecretScope.Org(ACME))))
        .contains(Secret.of("org-value"));
    assertThat(backend().lookup(new SecretLookup("DB", new SecretScope.Global()))).isEmpty();
    assertThat(backend().lookup(new SecretLookup("DB", new SecretScope.Org(OTHER)))).isEmpty();
    assertThat(backend().lookup(new SecretLookup("DB", new SecretScope.Job(OTHER, API)))).isEmpty();
  }

  @Test
  void lookup_specialCharactersInValue_keptExactly() {
    String value = "line1\nline2 \"quoted\" ünïcödé $HOME ${{ x }} \\";
    seed(new SecretScope.Global(), "PEM", value);

    assertThat(
            backend()
                .lookup(new SecretLookup("PEM", new SecretScope.Global()))
                .orElseThrow()
                .reveal())
        .isEqualTo(value);
  }

  @Test
  void toString_neverShowsSecretMaterial() {
    seed(new SecretScope.Global(), "HIDDEN", "hunter2-value");
    backend().lookup(new SecretLookup("HIDDEN", new SecretScope.Global()));

    assertThat(backend().toString()).doesNotContain("hunter2-value");
  }
}
