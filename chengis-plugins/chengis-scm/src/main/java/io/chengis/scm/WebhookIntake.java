package io.chengis.scm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.api.Secret;
import io.chengis.api.spi.WebhookDelivery;
import io.chengis.api.spi.WebhookDeliveryStore;
import io.chengis.scm.internal.Signatures;
import io.chengis.scm.internal.WebhookPayloads;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns webhook deliveries of GitHub, GitLab, Gitea and Bitbucket Cloud into {@link
 * io.chengis.api.ScmEvent}s: pushes, tags and pull (merge) requests. Hand the host's HTTP request
 * headers and raw body to {@link #receive}, answer with {@link WebhookResult#httpStatus()}, and
 * trigger a build with {@code TriggerRequest.of(event)} for an accepted one.
 *
 * <p>The forge is told by its event header ({@code X-Gitea-Event}, {@code X-GitHub-Event}, {@code
 * X-Gitlab-Event}, {@code X-Event-Key}). Every delivery must be signed as its forge documents,
 * compared in constant time: GitHub {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256>}, Gitea
 * {@code X-Gitea-Signature: <hex HMAC-SHA256>}, Bitbucket Cloud {@code X-Hub-Signature:
 * sha256=<hex>}, GitLab the secret token itself in {@code X-Gitlab-Token}. A forge without a
 * configured secret is refused. Every delivery is stored with its headers, body and result (a
 * GitLab token is stored as {@code ***}); a delivery id seen before is ignored, and a stored
 * delivery can be {@linkplain #replay replayed}. Rejected deliveries are stored under {@code
 * rejected:<uuid>} so that a forged request can never take a genuine delivery's id.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class WebhookIntake {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Forge, Secret> secrets;
  private final WebhookDeliveryStore deliveries;
  private final InstantSource clock;

  private WebhookIntake(
      Map<Forge, Secret> secrets, WebhookDeliveryStore deliveries, InstantSource clock) {
    this.secrets = secrets;
    this.deliveries = deliveries;
    this.clock = clock;
  }

  /**
   * Starts describing webhook intake.
   *
   * @return the builder
   * @since 0.1.0
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The delivery log.
   *
   * @return the store every delivery is kept in
   * @since 0.1.0
   */
  public WebhookDeliveryStore deliveries() {
    return deliveries;
  }

  /**
   * Receives one delivery.
   *
   * @param headers the HTTP request headers (any case)
   * @param body the raw request body, exactly as received
   * @return what came of it; never throws for bad input
   * @since 0.1.0
   */
  public WebhookResult receive(Map<String, String> headers, byte[] body) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    Optional<Forge> detected = detect(lower);
    if (detected.isEmpty()) {
      return reject(
          "unknown",
          lower,
          body,
          new WebhookResult.Rejected(
              false,
              "webhook: the sender is not a known forge (no X-GitHub-Event, X-Gitlab-Event,"
                  + " X-Gitea-Event or X-Event-Key header); point only GitHub, GitLab, Gitea or"
                  + " Bitbucket Cloud webhooks here"));
    }
    Forge forge = detected.get();
    String where = forge.type() + " webhook";
    Optional<String> id = deliveryId(forge, lower);
    if (id.isEmpty()) {
      return reject(
          forge.type(),
          lower,
          body,
          new WebhookResult.Rejected(
              false,
              where
                  + ": the delivery has no id header ("
                  + idHeader(forge)
                  + "); send deliveries from the forge itself"));
    }
    Optional<String> problem = verify(forge, lower, body);
    if (problem.isPresent()) {
      return reject(
          forge.type(),
          lower,
          body,
          new WebhookResult.Rejected(true, where + " " + id.get() + ": " + problem.get()));
    }
    WebhookDelivery delivery =
        new WebhookDelivery(
            forge.type(), id.get(), clock.instant(), stored(lower), body, "received");
    if (!deliveries.add(delivery)) {
      return new WebhookResult.Ignored(
          forge,
          id.get(),
          "delivery " + id.get() + " was received before; it is not acted on twice");
    }
    WebhookResult result = interpret(forge, id.get(), lower, body);
    deliveries.update(delivery.withResult(result.describe()));
    return result;
  }

  /**
   * Interprets a stored delivery again (after a fix, or to rebuild), without the repeated-delivery
   * check. Its signature was checked when it was received.
   *
   * @param forge the forge
   * @param deliveryId the delivery id
   * @return what comes of it now
   * @since 0.1.0
   */
  public WebhookResult replay(Forge forge, String deliveryId) {
    Optional<WebhookDelivery> stored = deliveries.find(forge.type(), deliveryId);
    if (stored.isEmpty()) {
      return new WebhookResult.Rejected(
          false,
          forge.type()
              + " webhook replay: no stored delivery "
              + deliveryId
              + "; list them with deliveries().list(50)");
    }
    WebhookDelivery delivery = stored.get();
    return interpret(forge, deliveryId, delivery.headers(), delivery.payload());
  }

  private WebhookResult interpret(
      Forge forge, String id, Map<String, String> headers, byte[] body) {
    String where = forge.type() + " webhook " + id;
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (java.io.IOException | RuntimeException broken) {
      return new WebhookResult.Rejected(
          false, where + ": the body is not JSON; send the payload as application/json");
    }
    if (json == null || !json.isObject()) {
      return new WebhookResult.Rejected(
          false, where + ": the body is not a JSON object; send the payload as application/json");
    }
    try {
      return switch (WebhookPayloads.parse(forge, headers.get(eventHeader(forge)), json)) {
        case WebhookPayloads.Event event -> new WebhookResult.Accepted(forge, id, event.event());
        case WebhookPayloads.Nothing nothing ->
            new WebhookResult.Ignored(forge, id, nothing.reason());
      };
    } catch (WebhookPayloads.Malformed malformed) {
      return new WebhookResult.Rejected(
          false,
          where
              + ": "
              + headers.get(eventHeader(forge))
              + " payload "
              + malformed.getMessage()
              + "; is the webhook's content type application/json?");
    }
  }

  private WebhookResult reject(
      String provider, Map<String, String> headers, byte[] body, WebhookResult.Rejected result) {
    deliveries.add(
        new WebhookDelivery(
            provider,
            "rejected:" + UUID.randomUUID(),
            clock.instant(),
            stored(headers),
            body,
            result.describe()));
    return result;
  }

  private static Optional<Forge> detect(Map<String, String> headers) {
    // Gitea also sends X-GitHub-Event for compatibility, so it is asked first.
    if (headers.containsKey("x-gitea-event")) {
      return Optional.of(Forge.GITEA);
    }
    if (headers.containsKey("x-github-event")) {
      return Optional.of(Forge.GITHUB);
    }
    if (headers.containsKey("x-gitlab-event")) {
      return Optional.of(Forge.GITLAB);
    }
    if (headers.containsKey("x-event-key")) {
      return Optional.of(Forge.BITBUCKET);
    }
    return Optional.empty();
  }

  private static String eventHeader(Forge forge) {
    return switch (forge) {
      case GITHUB -> "x-github-event";
      case GITEA -> "x-gitea-event";
      case GITLAB -> "x-gitlab-event";
      case BITBUCKET -> "x-event-key";
    };
  }

  private static String idHeader(Forge forge) {
    return switch (forge) {
      case GITHUB -> "X-GitHub-Delivery";
      case GITEA -> "X-Gitea-Delivery";
      case GITLAB -> "X-Gitlab-Event-UUID";
      case BITBUCKET -> "X-Request-UUID";
    };
  }

  private static Optional<String> deliveryId(Forge forge, Map<String, String> headers) {
    Optional<String> id =
        Optional.ofNullable(headers.get(idHeader(forge).toLowerCase(Locale.ROOT)));
    if (forge == Forge.GITLAB) {
      id = id.or(() -> Optional.ofNullable(headers.get("x-gitlab-webhook-uuid")));
    }
    return id.filter(value -> !value.isBlank());
  }

  private Optional<String> verify(Forge forge, Map<String, String> headers, byte[] body) {
    Secret secret = secrets.get(forge);
    if (secret == null) {
      return Optional.of(
          "no webhook secret is configured for "
              + forge.type()
              + ", so its deliveries cannot be verified; configure it with"
              + " WebhookIntake.builder().secret(Forge."
              + forge.name()
              + ", secret)");
    }
    String header =
        switch (forge) {
          case GITHUB -> "x-hub-signature-256";
          case GITEA -> "x-gitea-signature";
          case BITBUCKET -> "x-hub-signature";
          case GITLAB -> "x-gitlab-token";
        };
    String given = headers.get(header);
    if (given == null || given.isBlank()) {
      return Optional.of(
          "the "
              + header
              + " header is missing; set the webhook's secret on the forge to the one configured"
              + " here");
    }
    boolean valid =
        switch (forge) {
          case GITLAB -> Signatures.same(secret.reveal(), given);
          case GITEA -> Signatures.same(Signatures.hmacSha256Hex(secret.reveal(), body), given);
          case GITHUB, BITBUCKET ->
              Signatures.same("sha256=" + Signatures.hmacSha256Hex(secret.reveal(), body), given);
        };
    return valid
        ? Optional.empty()
        : Optional.of(
            "the "
                + header
                + " header does not match (was "
                + (forge == Forge.GITLAB ? "a token of " + given.length() + " characters" : given)
                + "); the secrets on the forge and here differ, or the body was changed");
  }

  private static Map<String, String> stored(Map<String, String> headers) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.computeIfPresent("x-gitlab-token", (name, token) -> "***");
    copy.computeIfPresent("authorization", (name, value) -> "***");
    return copy;
  }

  /**
   * Describes webhook intake. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<Forge, Secret> secrets = new EnumMap<>(Forge.class);
    private WebhookDeliveryStore deliveries = new InMemoryWebhookDeliveryStore();
    private InstantSource clock = InstantSource.system();

    private Builder() {}

    /**
     * Sets the webhook secret of a forge (GitLab: its secret token).
     *
     * @param forge the forge
     * @param secret the secret configured on the forge's webhook
     * @return this builder
     * @since 0.1.0
     */
    public Builder secret(Forge forge, Secret secret) {
      secrets.put(Objects.requireNonNull(forge, "forge"), Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /**
     * Keeps deliveries in this store (default: in memory).
     *
     * @param store the store
     * @return this builder
     * @since 0.1.0
     */
    public Builder deliveries(WebhookDeliveryStore store) {
      this.deliveries = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the clock that stamps deliveries.
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
     * Builds it.
     *
     * @return the intake
     * @since 0.1.0
     */
    public WebhookIntake build() {
      return new WebhookIntake(new EnumMap<>(secrets), deliveries, clock);
    }
  }

  /** Without the secrets. */
  @Override
  public String toString() {
    return "WebhookIntake[secrets for " + secrets.keySet() + "]";
  }
}
