package io.chengis.engine.secrets;

import io.chengis.api.Secret;
import io.chengis.api.internal.guard.PluginGuard;
import io.chengis.api.spi.AuditEntry;
import io.chengis.api.spi.AuditLog;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretLookup;
import io.chengis.api.spi.SecretScope;
import io.chengis.engine.secrets.internal.ScopeText;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds a job's secret across ordered backends and audits every read.
 *
 * <p>Order: scope first, then backend. The job scope is asked of every backend in the order they
 * were added, then the organization scope of every backend, then the global scope of every backend;
 * the first value found wins. So a job-scoped secret always beats an org-scoped one, which always
 * beats a global one, whichever backend holds them; the backend order only decides between backends
 * holding the same scope. With backends {@code [local, env]}: local job, env job, local org, env
 * org, local global, env global.
 *
 * <p>Every call of {@link #resolve} appends exactly one {@link AuditEntry} with action {@value
 * #ACTION}, the request's actor, the target {@code <scope>/<name>} (the scope where the secret was
 * found, else the job scope), and details {@code outcome} ({@code found}, {@code not-found} or
 * {@code failed}), {@code backend} (the type of the backend that answered, or every type asked),
 * {@code scope} and {@code name}. Never the value. When the audit log cannot record the read, the
 * secret is not returned.
 *
 * <pre>{@code
 * SecretResolver resolver =
 *     SecretResolver.builder()
 *         .backend("local", localSecrets)
 *         .backend("env", EnvSecretBackend.fromSystem())
 *         .auditLog(auditLog)
 *         .clock(clock)
 *         .build();
 * Optional<Secret> token =
 *     resolver.resolve(SecretRequest.of(org, job, "GITHUB_TOKEN", "build:api-service#42"));
 * }</pre>
 *
 * <p>Thread-safe and immutable, given thread-safe backends and audit log.
 *
 * @since 0.1.0
 */
public final class SecretResolver {
  /**
   * The audit action of a secret read: {@code secret.read}.
   *
   * @since 0.1.0
   */
  public static final String ACTION = "secret.read";

  private static final String WHERE = "secret resolver";

  private final Map<String, SecretBackend> backends;
  private final AuditLog auditLog;
  private final InstantSource clock;
  private final Duration lookupTimeout;

  private SecretResolver(Builder builder) {
    this.backends = Collections.unmodifiableMap(new LinkedHashMap<>(builder.backends));
    this.auditLog = Objects.requireNonNull(builder.auditLog);
    this.clock = Objects.requireNonNull(builder.clock);
    this.lookupTimeout = builder.lookupTimeout;
  }

  /**
   * A builder; backends, an audit log and a clock are required.
   *
   * @return a new builder
   * @since 0.1.0
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resolves a job's secret and records the read in the audit log.
   *
   * @param request the job, the secret's name and who asks
   * @return the value from the narrowest scope that has it, or empty when no backend has it
   * @throws SecretException when a backend fails (the read is audited as {@code failed} first)
   * @throws io.chengis.api.StoreException when the audit log cannot record the read
   * @since 0.1.0
   */
  public Optional<Secret> resolve(SecretRequest request) {
    Objects.requireNonNull(request, "request");
    SecretScope job = new SecretScope.Job(request.org(), request.job());
    List<SecretScope> scopes =
        List.of(job, new SecretScope.Org(request.org()), new SecretScope.Global());
    for (SecretScope scope : scopes) {
      SecretLookup lookup = new SecretLookup(request.name(), scope);
      for (Map.Entry<String, SecretBackend> backend : backends.entrySet()) {
        Optional<Secret> found;
        try {
          found = guarded(backend.getValue(), lookup);
        } catch (RuntimeException | Error e) {
          audit(request, scope, "failed", backend.getKey());
          throw new SecretException(
              WHERE
                  + ": backend \""
                  + backend.getKey()
                  + "\" failed to look up secret \""
                  + request.name()
                  + "\" in scope "
                  + ScopeText.of(scope)
                  + " (was "
                  + (e instanceof LookupTimedOut
                      ? "no answer within " + lookupTimeout
                      : e.getClass().getSimpleName())
                  + "); check the backend's settings and reachability, see the cause",
              e);
        }
        if (found.isPresent()) {
          audit(request, scope, "found", backend.getKey());
          return found;
        }
      }
    }
    audit(request, job, "not-found", String.join(",", backends.keySet()));
    return Optional.empty();
  }

  /**
   * Calls a backend on a virtual thread of its own and waits at most the lookup timeout, so that a
   * backend that hangs (an unreachable Vault) fails the lookup instead of the build's thread.
   */
  private Optional<Secret> guarded(SecretBackend backend, SecretLookup lookup) {
    PluginGuard.Outcome<Optional<Secret>> outcome;
    try {
      outcome =
          PluginGuard.call("chengis-secret-lookup", lookupTimeout, () -> backend.lookup(lookup));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecretException(WHERE + ": interrupted while a backend looked up a secret", e);
    }
    return switch (outcome) {
      case PluginGuard.Returned<Optional<Secret>> returned -> returned.value();
      case PluginGuard.TimedOut<Optional<Secret>> slow -> throw new LookupTimedOut();
      case PluginGuard.Threw<Optional<Secret>> threw -> {
        if (threw.failure() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (threw.failure() instanceof Error error) {
          throw error;
        }
        throw new SecretException(
            WHERE + ": lookup failed (was " + threw.failure() + ")", threw.failure());
      }
    };
  }

  /** A backend did not answer within the lookup timeout. */
  private static final class LookupTimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LookupTimedOut() {
      super("no answer");
    }
  }

  /**
   * The backend types in order.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "SecretResolver" + backends.keySet();
  }

  private void audit(SecretRequest request, SecretScope scope, String outcome, String backend) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("outcome", outcome);
    details.put("backend", backend);
    details.put("scope", ScopeText.of(scope));
    details.put("name", request.name());
    auditLog.append(
        new AuditEntry(
            request.org(),
            clock.instant(),
            request.actor(),
            ACTION,
            ScopeText.of(scope) + "/" + request.name(),
            details));
  }

  /**
   * Collects the backends, audit log and clock of a {@link SecretResolver}. Not thread-safe; use it
   * on one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<String, SecretBackend> backends = new LinkedHashMap<>();
    private @Nullable AuditLog auditLog;
    private @Nullable InstantSource clock;
    private Duration lookupTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * Sets how long one backend may take to answer one lookup (default 30 seconds); a backend that
     * takes longer fails the lookup with a clear message instead of hanging the build.
     *
     * @param limit a positive duration
     * @return this builder
     * @since 0.1.0
     */
    public Builder lookupTimeout(Duration limit) {
      Objects.requireNonNull(limit, "limit");
      if (limit.isNegative() || limit.isZero()) {
        throw new SecretException(
            WHERE + ": lookup timeout must be positive (was " + limit + "); e.g. PT30S");
      }
      this.lookupTimeout = limit;
      return this;
    }

    /**
     * Adds a backend after those added before.
     *
     * @param type the backend's type, named in audit entries, e.g. {@code local}, {@code env}
     * @param backend the backend
     * @return this builder
     * @throws SecretException when the type was added already
     * @since 0.1.0
     */
    public Builder backend(String type, SecretBackend backend) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(backend, "backend");
      SecretBackend previous = backends.putIfAbsent(type, backend);
      if (previous != null) {
        throw new SecretException(
            WHERE
                + ": backend type is added twice (was \""
                + type
                + "\" for "
                + previous.getClass().getName()
                + " and "
                + backend.getClass().getName()
                + "); give each backend its own type");
      }
      return this;
    }

    /**
     * Sets the audit log every read is recorded in.
     *
     * @param auditLog the audit log
     * @return this builder
     * @since 0.1.0
     */
    public Builder auditLog(AuditLog auditLog) {
      this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
      return this;
    }

    /**
     * Sets the clock that timestamps audit entries.
     *
     * @param clock the clock
     * @return this builder
     * @since 0.1.0
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the resolver.
     *
     * @return the resolver
     * @throws SecretException when no backend, no audit log or no clock was set
     * @since 0.1.0
     */
    public SecretResolver build() {
      List<String> missing = new ArrayList<>();
      if (backends.isEmpty()) {
        missing.add("backend(type, backend)");
      }
      if (auditLog == null) {
        missing.add("auditLog(auditLog)");
      }
      if (clock == null) {
        missing.add("clock(clock)");
      }
      if (!missing.isEmpty()) {
        throw new SecretException(
            WHERE
                + ": the resolver is incomplete (was missing "
                + missing.size()
                + " setting(s)); call "
                + String.join(", ", missing)
                + " before build()");
      }
      return new SecretResolver(this);
    }
  }
}
