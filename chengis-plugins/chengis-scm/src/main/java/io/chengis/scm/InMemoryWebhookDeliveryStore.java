package io.chengis.scm;

import io.chengis.api.spi.WebhookDelivery;
import io.chengis.api.spi.WebhookDeliveryStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link WebhookDeliveryStore} on the heap, for tests and ephemeral hosts.
 *
 * <p>Thread-safe; no method blocks beyond a short store-wide lock.
 *
 * @since 0.1.0
 */
public final class InMemoryWebhookDeliveryStore implements WebhookDeliveryStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, WebhookDelivery> deliveries = new LinkedHashMap<>();

  /**
   * Creates an empty store.
   *
   * @since 0.1.0
   */
  public InMemoryWebhookDeliveryStore() {}

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public boolean add(WebhookDelivery delivery) {
    Objects.requireNonNull(delivery, "delivery");
    lock.lock();
    try {
      return deliveries.putIfAbsent(key(delivery.provider(), delivery.deliveryId()), delivery)
          == null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public void update(WebhookDelivery delivery) {
    Objects.requireNonNull(delivery, "delivery");
    lock.lock();
    try {
      deliveries.replace(key(delivery.provider(), delivery.deliveryId()), delivery);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public Optional<WebhookDelivery> find(String provider, String deliveryId) {
    lock.lock();
    try {
      return Optional.ofNullable(deliveries.get(key(provider, deliveryId)));
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public List<WebhookDelivery> list(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException(
          "delivery list limit must be at least 1 (was " + limit + "); ask for 1 or more");
    }
    lock.lock();
    try {
      List<WebhookDelivery> newestFirst = new ArrayList<>(deliveries.values());
      java.util.Collections.reverse(newestFirst);
      return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    } finally {
      lock.unlock();
    }
  }

  private static String key(String provider, String deliveryId) {
    return provider + "\u0000" + deliveryId;
  }
}
