package io.chengis.api.spi;

import io.chengis.api.internal.OrderedCopies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook delivery as it was received, with what came of it: kept so that it can be inspected
 * and replayed.
 *
 * <p>Signature headers are kept as received (they are HMACs, not the secret); a GitLab token header
 * is a secret and is stored as {@code ***}. Immutable and thread-safe.
 *
 * @param provider the forge's type key, e.g. {@code github}
 * @param deliveryId the forge's delivery id ({@code X-GitHub-Delivery}, {@code X-Request-UUID},
 *     ...), unique per provider
 * @param receivedAt when it arrived
 * @param headers the request headers, names in lower case, in the order received
 * @param payload the raw request body
 * @param result what came of it, e.g. {@code accepted: push of refs/heads/main} or {@code rejected:
 *     ...}
 * @since 0.1.0
 */
public record WebhookDelivery(
    String provider,
    String deliveryId,
    Instant receivedAt,
    Map<String, String> headers,
    byte[] payload,
    String result) {

  /** Checks and copies the components. */
  public WebhookDelivery {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    headers = OrderedCopies.map(headers, "headers");
    payload = Objects.requireNonNull(payload, "payload").clone();
    Objects.requireNonNull(result, "result");
  }

  /**
   * A copy of the raw body.
   *
   * @return the body's bytes
   * @since 0.1.0
   */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the body
   * @since 0.1.0
   */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /**
   * This delivery with another result.
   *
   * @param outcome what came of it
   * @return the copy
   * @since 0.1.0
   */
  public WebhookDelivery withResult(String outcome) {
    return new WebhookDelivery(provider, deliveryId, receivedAt, headers, payload, outcome);
  }

  /**
   * Equal when every component is, the payload compared by content.
   *
   * @since 0.1.0
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookDelivery that
        && provider.equals(that.provider)
        && deliveryId.equals(that.deliveryId)
        && receivedAt.equals(that.receivedAt)
        && headers.equals(that.headers)
        && java.util.Arrays.equals(payload, that.payload)
        && result.equals(that.result);
  }

  /**
   * A hash consistent with {@link #equals}.
   *
   * @since 0.1.0
   */
  @Override
  public int hashCode() {
    return Objects.hash(
        provider, deliveryId, receivedAt, headers, java.util.Arrays.hashCode(payload), result);
  }

  /**
   * The delivery without its body.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "WebhookDelivery["
        + provider
        + " "
        + deliveryId
        + " at "
        + receivedAt
        + ", "
        + payload.length
        + " bytes, "
        + result
        + "]";
  }
}
