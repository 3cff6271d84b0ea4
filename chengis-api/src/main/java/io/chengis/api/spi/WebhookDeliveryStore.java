package io.chengis.api.spi;

import java.util.List;
import java.util.Optional;

/**
 * Keeps every webhook delivery so that it can be inspected and replayed, and tells a repeated
 * delivery (forges redeliver on timeouts) from a new one.
 *
 * <p>Protocol: webhook intake calls {@link #add} once per received delivery, before it acts on it,
 * from the HTTP server's thread, concurrently; {@link #update} after it has acted. Hosts call
 * {@link #find} and {@link #list} from any thread. All may block on I/O. An exception ({@link
 * io.chengis.api.StoreException}) means nothing was written. Implementations must be thread-safe
 * and {@code add} atomic: of two concurrent adds of one id exactly one returns {@code true}.
 *
 * @since 0.1.0
 */
public interface WebhookDeliveryStore {
  /**
   * Stores a delivery unless one with the same provider and delivery id is already stored.
   *
   * @param delivery the delivery
   * @return {@code true} when it was stored, {@code false} when it is a repeat (nothing changes)
   * @since 0.1.0
   */
  boolean add(WebhookDelivery delivery);

  /**
   * Replaces the stored delivery with the same provider and id (to record its result).
   *
   * @param delivery the delivery
   * @since 0.1.0
   */
  void update(WebhookDelivery delivery);

  /**
   * Finds one delivery.
   *
   * @param provider the forge's type key
   * @param deliveryId the delivery id
   * @return the delivery, or empty
   * @since 0.1.0
   */
  Optional<WebhookDelivery> find(String provider, String deliveryId);

  /**
   * The most recent deliveries, newest first.
   *
   * @param limit the most to return, at least 1
   * @return the deliveries
   * @since 0.1.0
   */
  List<WebhookDelivery> list(int limit);
}
