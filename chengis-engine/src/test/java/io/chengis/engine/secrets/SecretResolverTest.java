package io.chengis.engine.secrets;

import static io.chengis.engine.secrets.SecretCipherTest.GLOBAL;
import static io.chengis.engine.secrets.SecretCipherTest.JOB;
import static io.chengis.engine.secrets.SecretCipherTest.KEY_1;
import static io.chengis.engine.secrets.SecretCipherTest.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import io.chengis.api.StoreException;
import io.chengis.api.spi.AuditEntry;
import io.chengis.api.spi.AuditLog;
import io.chengis.api.spi.AuditQuery;
import io.chengis.api.spi.AuditRecord;
import io.chengis.api.spi.SecretBackend;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SecretResolverTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final SecretRequest REQUEST =
      SecretRequest.of(OrgId.of("acme"), JobId.of("api"), "TOKEN", "build:api#7");

  private final ListAuditLog audit = new ListAuditLog();
  private final LocalSecretBackend local =
      LocalSecretBackend.of(SecretCipher.of("k1", KEY_1), new InMemorySecretVault());

  private SecretResolver resolver(Map<String, SecretBackend> backends) {
    SecretResolver.Builder builder =
        SecretResolver.builder().auditLog(audit).clock(InstantSource.fixed(NOW));
    backends.forEach(builder::backend);
    return builder.build();
  }

  private SecretResolver localThenEnv(Map<String, String> env) {
    SecretResolver.Builder builder =
        SecretResolver.builder()
            .backend("local", local)
            .backend("env", EnvSecretBackend.of(env))
            .auditLog(audit)
            .clock(InstantSource.fixed(NOW));
    return builder.build();
  }

  @Test
  void resolve_jobOrgAndGlobal_jobWins() {
    local.put(GLOBAL, "TOKEN", Secret.of("global"));
    local.put(ORG, "TOKEN", Secret.of("org"));
    local.put(JOB, "TOKEN", Secret.of("job"));

    assertThat(localThenEnv(Map.of()).resolve(REQUEST)).contains(Secret.of("job"));
  }

  @Test
  void resolve_orgAndGlobal_orgWins() {
    local.put(GLOBAL, "TOKEN", Secret.of("global"));
    local.put(ORG, "TOKEN", Secret.of("org"));

    assertThat(localThenEnv(Map.of()).resolve(REQUEST)).contains(Secret.of("org"));
  }

  @Test
  void resolve_narrowerScopeInLaterBackend_beatsWiderScopeInEarlierBackend() {
    local.put(JOB, "TOKEN", Secret.of("local-job"));
    SecretResolver envFirst =
        resolver(Map.of("env", EnvSecretBackend.of(Map.of("CHENGIS_SECRET_TOKEN", "env-global"))));
    SecretResolver both =
        SecretResolver.builder()
            .backend("env", EnvSecretBackend.of(Map.of("CHENGIS_SECRET_TOKEN", "env-global")))
            .backend("local", local)
            .auditLog(audit)
            .clock(InstantSource.fixed(NOW))
            .build();

    assertThat(envFirst.resolve(REQUEST)).contains(Secret.of("env-global"));
    assertThat(both.resolve(REQUEST)).contains(Secret.of("local-job"));
  }

  @Test
  void resolve_sameScopeInTwoBackends_earlierBackendWins() {
    local.put(GLOBAL, "TOKEN", Secret.of("local-global"));

    assertThat(localThenEnv(Map.of("CHENGIS_SECRET_TOKEN", "env-global")).resolve(REQUEST))
        .contains(Secret.of("local-global"));
  }

  @Test
  void resolve_found_isAuditedWithScopeAndBackend() {
    local.put(ORG, "TOKEN", Secret.of("s3cr3t-value"));

    localThenEnv(Map.of()).resolve(REQUEST);

    assertThat(audit.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.org()).isEqualTo(OrgId.of("acme"));
              assertThat(e.timestamp()).isEqualTo(NOW);
              assertThat(e.actor()).isEqualTo("build:api#7");
              assertThat(e.action()).isEqualTo("secret.read");
              assertThat(e.target()).isEqualTo("org:acme/TOKEN");
              assertThat(e.details())
                  .containsExactly(
                      entry("outcome", "found"),
                      entry("backend", "local"),
                      entry("scope", "org:acme"),
                      entry("name", "TOKEN"));
            });
  }

  @Test
  void resolve_notFound_isAuditedWithEveryBackendAsked() {
    assertThat(localThenEnv(Map.of()).resolve(REQUEST)).isEmpty();

    assertThat(audit.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.target()).isEqualTo("job:acme/api/TOKEN");
              assertThat(e.details())
                  .containsEntry("outcome", "not-found")
                  .containsEntry("backend", "local,env");
            });
  }

  @Test
  void resolve_everyRead_isAudited() {
    local.put(GLOBAL, "TOKEN", Secret.of("v"));
    SecretResolver resolver = localThenEnv(Map.of());

    resolver.resolve(REQUEST);
    resolver.resolve(REQUEST);
    resolver.resolve(SecretRequest.of(OrgId.of("acme"), JobId.of("api"), "MISSING", "alice"));

    assertThat(audit.entries())
        .extracting(AuditEntry::actor, e -> e.details().get("outcome"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("build:api#7", "found"),
            org.assertj.core.groups.Tuple.tuple("build:api#7", "found"),
            org.assertj.core.groups.Tuple.tuple("alice", "not-found"));
  }

  @Test
  void resolve_backendFails_isAuditedAndReportedWithoutItsMessage() {
    SecretBackend broken =
        lookup -> {
          throw new IllegalStateException("connection refused");
        };
    SecretResolver resolver = resolver(Map.of("vault", broken));

    assertThatThrownBy(() -> resolver.resolve(REQUEST))
        .isInstanceOf(SecretException.class)
        .hasMessage(
            "secret resolver: backend \"vault\" failed to look up secret \"TOKEN\" in scope"
                + " job:acme/api (was IllegalStateException); check the backend's settings and"
                + " reachability, see the cause")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(audit.entries())
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("outcome", "failed"));
  }

  @Test
  void resolve_backendHangs_failsAfterTheLookupTimeoutAndIsAudited() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    SecretBackend hanging =
        lookup -> {
          try {
            never.await();
          } catch (InterruptedException stop) {
            interrupted.countDown();
            Thread.currentThread().interrupt();
          }
          return Optional.empty();
        };
    SecretResolver resolver =
        SecretResolver.builder()
            .backend("vault", hanging)
            .auditLog(audit)
            .clock(InstantSource.fixed(NOW))
            .lookupTimeout(Duration.ofMillis(200))
            .build();

    assertThatThrownBy(() -> resolver.resolve(REQUEST))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining(
            "backend \"vault\" failed to look up secret \"TOKEN\" in scope job:acme/api (was no"
                + " answer within PT0.2S)");
    assertThat(audit.entries())
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("outcome", "failed"));
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void resolve_backendThrowsAnError_isReportedAsAFailedLookup() {
    SecretBackend broken =
        lookup -> {
          throw new NoClassDefFoundError("com/example/VaultClient");
        };
    SecretResolver resolver = resolver(Map.of("vault", broken));

    assertThatThrownBy(() -> resolver.resolve(REQUEST))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("(was NoClassDefFoundError)")
        .hasCauseInstanceOf(NoClassDefFoundError.class);
  }

  @Test
  void builder_nonPositiveLookupTimeout_isRejectedWithAnExample() {
    assertThatThrownBy(() -> SecretResolver.builder().lookupTimeout(Duration.ZERO))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("lookup timeout must be positive (was PT0S); e.g. PT30S");
  }

  @Test
  void resolve_auditLogFails_doesNotReturnTheSecret() {
    local.put(GLOBAL, "TOKEN", Secret.of("v"));
    AuditLog failing =
        new AuditLog() {
          @Override
          public AuditRecord append(AuditEntry entry) {
            throw new StoreException("audit: append failed (was disk full); free space");
          }

          @Override
          public List<AuditRecord> read(AuditQuery query) {
            return List.of();
          }
        };
    SecretResolver resolver =
        SecretResolver.builder()
            .backend("local", local)
            .auditLog(failing)
            .clock(InstantSource.fixed(NOW))
            .build();

    assertThatThrownBy(() -> resolver.resolve(REQUEST)).isInstanceOf(StoreException.class);
  }

  @Test
  void builder_incompleteOrDuplicateType_isRejected() {
    assertThatThrownBy(() -> SecretResolver.builder().build())
        .isInstanceOf(SecretException.class)
        .hasMessage(
            "secret resolver: the resolver is incomplete (was missing 3 setting(s)); call"
                + " backend(type, backend), auditLog(auditLog), clock(clock) before build()");
    assertThatThrownBy(() -> SecretResolver.builder().backend("env", local).backend("env", local))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("backend type is added twice (was \"env\"");
  }
}
