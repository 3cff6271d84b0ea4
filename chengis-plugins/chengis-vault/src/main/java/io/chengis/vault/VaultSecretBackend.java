package io.chengis.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretLookup;
import io.chengis.api.spi.SecretScope;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads secrets from HashiCorp Vault's KV version 2 secrets engine.
 *
 * <p>A secret {@code NAME} of a scope is read from {@code /v1/<mount>/data/<prefix><scope>/NAME},
 * where the scope is {@code global}, {@code org/<org>} or {@code job/<org>/<job>}, and its text is
 * the field {@code value} (configurable) of the secret's data. Authentication is a token ({@code
 * X-Vault-Token}) or AppRole ({@code POST /v1/auth/approle/login}; the client token is reused until
 * its lease is nearly over and renewed by logging in again, also after a 403). A Vault Enterprise
 * namespace goes in {@code X-Vault-Namespace} on every request. Reads are cached with Caffeine for
 * a TTL (default five minutes; misses too, so the job, org, global lookups of a build cost one
 * round each); {@link #lookup(SecretLookup, int)} reads a given version and is cached by version.
 *
 * <pre>{@code
 * SecretBackend vault = VaultSecretBackend.builder(URI.create("https://vault.example.com:8200"))
 *     .appRole("8f1b...", Secret.of(System.getenv("VAULT_SECRET_ID")))
 *     .namespace("team-a")
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe. Messages never contain a token or secret text.
 *
 * @since 0.1.0
 */
public final class VaultSecretBackend implements SecretBackend {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI address;
  private final Optional<String> namespace;
  private final String mount;
  private final String prefix;
  private final String field;
  private final Auth auth;
  private final HttpClient client;
  private final Duration timeout;
  private final InstantSource clock;
  private final Cache<Key, Optional<Secret>> cache;
  private final ReentrantLock login = new ReentrantLock();
  private Optional<Lease> lease = Optional.empty();

  private VaultSecretBackend(Builder builder) {
    this.address = builder.address;
    this.namespace = builder.namespace;
    this.mount = builder.mount;
    this.prefix = builder.prefix;
    this.field = builder.field;
    this.auth = builder.auth.orElseThrow();
    this.timeout = builder.timeout;
    this.clock = builder.clock;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(builder.timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    InstantSource ticks = builder.clock;
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(builder.cacheTtl)
            .maximumSize(builder.cacheSize)
            .ticker(
                () -> {
                  Instant now = ticks.instant();
                  return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
            .build();
  }

  /**
   * Starts describing a backend.
   *
   * @param address Vault's address, e.g. {@code https://vault.example.com:8200}
   * @return the builder
   * @since 0.1.0
   */
  public static Builder builder(URI address) {
    return new Builder(Objects.requireNonNull(address, "address"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws PluginException when Vault cannot be reached or denies the read
   * @since 0.1.0
   */
  @Override
  public Optional<Secret> lookup(SecretLookup lookup) {
    return cached(new Key(path(lookup), 0));
  }

  /**
   * Reads one version of a secret.
   *
   * @param lookup the name and scope
   * @param version the version, from 1
   * @return the secret text of that version, or empty when there is none (or it was deleted)
   * @throws PluginException when Vault cannot be reached or denies the read
   * @since 0.1.0
   */
  public Optional<Secret> lookup(SecretLookup lookup, int version) {
    if (version < 1) {
      throw new IllegalArgumentException(
          "vault: secret version must be at least 1 (was " + version + "); versions count from 1");
    }
    return cached(new Key(path(lookup), version));
  }

  /**
   * Forgets every cached read, so the next lookups go to Vault.
   *
   * @since 0.1.0
   */
  public void invalidate() {
    cache.invalidateAll();
  }

  private Optional<Secret> cached(Key key) {
    Optional<Secret> known = cache.getIfPresent(key);
    if (known != null) {
      return known;
    }
    Optional<Secret> read = read(key);
    cache.put(key, read);
    return read;
  }

  /** The secret's path below the mount's {@code data/}. */
  private String path(SecretLookup lookup) {
    String scope =
        switch (lookup.scope()) {
          case SecretScope.Global global -> "global";
          case SecretScope.Org org -> "org/" + segment(org.org().value());
          case SecretScope.Job job ->
              "job/" + segment(job.org().value()) + "/" + segment(job.jobId().value());
        };
    return prefix + scope + "/" + segment(lookup.name());
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Optional<Secret> read(Key key) {
    String path =
        "/v1/"
            + mount
            + "/data/"
            + key.path()
            + (key.version() > 0 ? "?version=" + key.version() : "");
    HttpResponse<String> response = send(path, "GET", Optional.empty(), true);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw refused("read " + mount + "/data/" + key.path(), response);
    }
    JsonNode data = parse(response.body(), path).at("/data/data/" + field);
    if (data.isMissingNode() || data.isNull()) {
      return Optional.empty();
    }
    if (!data.isTextual()) {
      throw new PluginException(
          "vault: field \""
              + field
              + "\" of "
              + mount
              + "/data/"
              + key.path()
              + " is not text (was "
              + data.getNodeType()
              + "); store the secret as a string");
    }
    return Optional.of(Secret.of(data.asText()));
  }

  private HttpResponse<String> send(
      String path, String method, Optional<String> body, boolean authenticated) {
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(address.resolve(path))
              .timeout(timeout)
              .header("Accept", "application/json")
              .method(
                  method,
                  body.map(b -> HttpRequest.BodyPublishers.ofString(b, StandardCharsets.UTF_8))
                      .orElse(HttpRequest.BodyPublishers.noBody()));
      namespace.ifPresent(ns -> request.header("X-Vault-Namespace", ns));
      if (authenticated) {
        request.header("X-Vault-Token", token(attempt > 1).reveal());
      }
      HttpResponse<String> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException unreachable) {
        throw new PluginException(
            "vault: "
                + address
                + " could not be reached ("
                + unreachable.getClass().getSimpleName()
                + "); check the address and that Vault is unsealed",
            unreachable);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new PluginException("vault: interrupted while reading a secret", interrupted);
      }
      // An AppRole token may have been revoked or expired early: log in again once.
      if (authenticated
          && response.statusCode() == 403
          && auth instanceof AppRole
          && attempt == 1) {
        continue;
      }
      return response;
    }
  }

  private Secret token(boolean renew) {
    return switch (auth) {
      case TokenAuth token -> token.token();
      case AppRole role -> {
        login.lock();
        try {
          Instant now = clock.instant();
          if (renew || lease.isEmpty() || !now.isBefore(lease.get().renewAt())) {
            lease = Optional.of(login(role, now));
          }
          yield lease.get().token();
        } finally {
          login.unlock();
        }
      }
    };
  }

  private Lease login(AppRole role, Instant now) {
    ObjectNode body = JSON.createObjectNode();
    body.put("role_id", role.roleId());
    body.put("secret_id", role.secretId().reveal());
    String path = "/v1/auth/" + role.mount() + "/login";
    HttpResponse<String> response = send(path, "POST", Optional.of(body.toString()), false);
    if (response.statusCode() != 200) {
      throw refused("AppRole login at auth/" + role.mount(), response);
    }
    JsonNode auth = parse(response.body(), path).path("auth");
    JsonNode token = auth.path("client_token");
    if (!token.isTextual()) {
      throw new PluginException(
          "vault: AppRole login answered without auth.client_token; check the role's settings");
    }
    long seconds = auth.path("lease_duration").asLong(0);
    // Renew at two thirds of the lease so that a read never races the expiry.
    Instant renewAt = seconds > 0 ? now.plusSeconds(seconds * 2 / 3) : Instant.MAX;
    return new Lease(Secret.of(token.asText()), renewAt);
  }

  private static JsonNode parse(String body, String path) {
    try {
      return JSON.readTree(body);
    } catch (IOException broken) {
      throw new PluginException(
          "vault: the answer to " + path + " is not JSON; check that the address is Vault's");
    }
  }

  private PluginException refused(String what, HttpResponse<String> response) {
    String errors = "";
    try {
      JsonNode list = JSON.readTree(response.body()).path("errors");
      if (list.isArray() && !list.isEmpty()) {
        errors = ": " + list.get(0).asText();
      }
    } catch (IOException | RuntimeException unreadable) {
      errors = "";
    }
    String fix =
        switch (response.statusCode()) {
          case 403 ->
              "check the token's policy grants read on this path"
                  + namespace.map(ns -> " in namespace " + ns).orElse("");
          case 503 -> "Vault is sealed or in standby; unseal it or use the active node";
          default -> "check Vault's logs";
        };
    return new PluginException(
        "vault: " + what + " failed (was HTTP " + response.statusCode() + errors + "); " + fix);
  }

  /**
   * The backend without its credentials.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "VaultSecretBackend["
        + address
        + namespace.map(ns -> " namespace " + ns).orElse("")
        + " "
        + mount
        + "/"
        + prefix
        + " auth "
        + (auth instanceof AppRole ? "approle" : "token")
        + "]";
  }

  /** A cached read: the path and version (0 for the latest). */
  private record Key(String path, int version) {}

  /** A client token and when to renew it. */
  private record Lease(Secret token, Instant renewAt) {}

  /** How the backend authenticates. */
  private sealed interface Auth permits TokenAuth, AppRole {}

  private record TokenAuth(Secret token) implements Auth {}

  private record AppRole(String mount, String roleId, Secret secretId) implements Auth {}

  /**
   * Describes a Vault backend. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final URI address;
    private Optional<Auth> auth = Optional.empty();
    private Optional<String> namespace = Optional.empty();
    private String mount = "secret";
    private String prefix = "chengis/";
    private String field = "value";
    private Duration cacheTtl = Duration.ofMinutes(5);
    private long cacheSize = 10_000;
    private Duration timeout = Duration.ofSeconds(10);
    private InstantSource clock = InstantSource.system();

    private Builder(URI address) {
      this.address = address;
    }

    /**
     * Authenticates with a token.
     *
     * @param token the Vault token
     * @return this builder
     * @since 0.1.0
     */
    public Builder token(Secret token) {
      this.auth = Optional.of(new TokenAuth(Objects.requireNonNull(token, "token")));
      return this;
    }

    /**
     * Authenticates with AppRole at the default mount {@code approle}.
     *
     * @param roleId the role id
     * @param secretId the secret id
     * @return this builder
     * @since 0.1.0
     */
    public Builder appRole(String roleId, Secret secretId) {
      return appRole("approle", roleId, secretId);
    }

    /**
     * Authenticates with AppRole at a mount.
     *
     * @param authMount the auth method's mount, e.g. {@code approle}
     * @param roleId the role id
     * @param secretId the secret id
     * @return this builder
     * @since 0.1.0
     */
    public Builder appRole(String authMount, String roleId, Secret secretId) {
      this.auth =
          Optional.of(
              new AppRole(
                  Objects.requireNonNull(authMount, "authMount"),
                  Objects.requireNonNull(roleId, "roleId"),
                  Objects.requireNonNull(secretId, "secretId")));
      return this;
    }

    /**
     * Sends every request in a Vault Enterprise namespace ({@code X-Vault-Namespace}).
     *
     * @param name the namespace, e.g. {@code team-a} or {@code team-a/ci}
     * @return this builder
     * @since 0.1.0
     */
    public Builder namespace(String name) {
      this.namespace = Optional.of(Objects.requireNonNull(name, "namespace"));
      return this;
    }

    /**
     * Sets the KV v2 engine's mount (default {@code secret}).
     *
     * @param path the mount path
     * @return this builder
     * @since 0.1.0
     */
    public Builder mount(String path) {
      this.mount = Objects.requireNonNull(path, "mount").replaceAll("^/+|/+$", "");
      return this;
    }

    /**
     * Sets the path prefix of Chengis's secrets within the mount (default {@code chengis/}).
     *
     * @param path the prefix; a trailing slash is added
     * @return this builder
     * @since 0.1.0
     */
    public Builder prefix(String path) {
      String clean = Objects.requireNonNull(path, "prefix").replaceAll("^/+|/+$", "");
      this.prefix = clean.isEmpty() ? "" : clean + "/";
      return this;
    }

    /**
     * Sets the data field holding the secret text (default {@code value}).
     *
     * @param name the field
     * @return this builder
     * @since 0.1.0
     */
    public Builder field(String name) {
      this.field = Objects.requireNonNull(name, "field");
      return this;
    }

    /**
     * Sets how long reads are cached (default five minutes; zero turns the cache off).
     *
     * @param ttl zero or positive
     * @return this builder
     * @since 0.1.0
     */
    public Builder cacheTtl(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException(
            "vault: cacheTtl must not be negative (was " + ttl + "); use zero to turn it off");
      }
      this.cacheTtl = ttl;
      this.cacheSize = ttl.isZero() ? 0 : 10_000;
      return this;
    }

    /**
     * Sets each request's timeout (default 10 s).
     *
     * @param limit a positive duration
     * @return this builder
     * @since 0.1.0
     */
    public Builder timeout(Duration limit) {
      this.timeout = Objects.requireNonNull(limit, "timeout");
      return this;
    }

    /**
     * Sets the clock of the cache and of AppRole leases.
     *
     * @param source the clock
     * @return this builder
     * @since 0.1.0
     */
    public Builder clock(InstantSource source) {
      this.clock = Objects.requireNonNull(source, "clock");
      return this;
    }

    /**
     * Builds the backend.
     *
     * @return the backend
     * @throws PluginException when no authentication was given
     * @since 0.1.0
     */
    public VaultSecretBackend build() {
      if (auth.isEmpty()) {
        throw new PluginException(
            "vault: no authentication; give token(Secret) or appRole(roleId, secretId), or the"
                + " settings \"token\" or \"roleId\" and \"secretId\"");
      }
      return new VaultSecretBackend(this);
    }
  }
}
