package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.DELIVERY_HEADERS;
import static io.chengis.store.internal.Tables.DELIVERY_ID;
import static io.chengis.store.internal.Tables.DELIVERY_PAYLOAD;
import static io.chengis.store.internal.Tables.DELIVERY_RESULT;
import static io.chengis.store.internal.Tables.PROVIDER;
import static io.chengis.store.internal.Tables.RECEIVED_AT;
import static io.chengis.store.internal.Tables.RECEIVED_NS;
import static io.chengis.store.internal.Tables.SEQ;
import static io.chengis.store.internal.Tables.WEBHOOK_DELIVERIES;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chengis.api.spi.WebhookDelivery;
import io.chengis.api.spi.WebhookDeliveryStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record;

/**
 * {@link WebhookDeliveryStore} on SQL: every delivery with its headers, raw payload and result,
 * unique per provider and delivery id, so a repeated delivery is recognised across processes.
 */
public final class SqlWebhookDeliveryStore implements WebhookDeliveryStore {
  private static final TypeReference<LinkedHashMap<String, String>> HEADERS =
      new TypeReference<>() {};

  private final Database database;

  /** The deliveries of the database. */
  public SqlWebhookDeliveryStore(Database database) {
    this.database = database;
  }

  private static Condition key(String provider, String deliveryId) {
    return PROVIDER.eq(provider).and(DELIVERY_ID.eq(deliveryId));
  }

  @Override
  public boolean add(WebhookDelivery delivery) {
    Objects.requireNonNull(delivery, "delivery");
    return database.write(
            dsl ->
                dsl.insertInto(WEBHOOK_DELIVERIES)
                    .set(PROVIDER, delivery.provider())
                    .set(DELIVERY_ID, delivery.deliveryId())
                    .set(RECEIVED_AT, delivery.receivedAt().toString())
                    .set(RECEIVED_NS, SqlQueueStore.nanos(delivery.receivedAt()))
                    .set(DELIVERY_HEADERS, Json.write(delivery.headers()))
                    .set(DELIVERY_PAYLOAD, delivery.payload())
                    .set(DELIVERY_RESULT, delivery.result())
                    .onConflictDoNothing()
                    .execute())
        == 1;
  }

  @Override
  public void update(WebhookDelivery delivery) {
    Objects.requireNonNull(delivery, "delivery");
    database.write(
        dsl ->
            dsl.update(WEBHOOK_DELIVERIES)
                .set(DELIVERY_RESULT, delivery.result())
                .where(key(delivery.provider(), delivery.deliveryId()))
                .execute());
  }

  @Override
  public Optional<WebhookDelivery> find(String provider, String deliveryId) {
    return database.read(
        dsl ->
            dsl.select(
                    PROVIDER,
                    DELIVERY_ID,
                    RECEIVED_AT,
                    DELIVERY_HEADERS,
                    DELIVERY_PAYLOAD,
                    DELIVERY_RESULT)
                .from(WEBHOOK_DELIVERIES)
                .where(key(provider, deliveryId))
                .fetchOptional(SqlWebhookDeliveryStore::delivery));
  }

  @Override
  public List<WebhookDelivery> list(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException(
          "webhook delivery list limit must be at least 1 (was " + limit + ")");
    }
    return database.read(
        dsl ->
            dsl.select(
                    PROVIDER,
                    DELIVERY_ID,
                    RECEIVED_AT,
                    DELIVERY_HEADERS,
                    DELIVERY_PAYLOAD,
                    DELIVERY_RESULT)
                .from(WEBHOOK_DELIVERIES)
                .orderBy(RECEIVED_NS.desc(), SEQ.desc())
                .limit(limit)
                .fetch(SqlWebhookDeliveryStore::delivery));
  }

  private static WebhookDelivery delivery(Record row) {
    return new WebhookDelivery(
        row.get(PROVIDER),
        row.get(DELIVERY_ID),
        Instant.parse(row.get(RECEIVED_AT)),
        Json.read(row.get(DELIVERY_HEADERS), HEADERS),
        row.get(DELIVERY_PAYLOAD),
        row.get(DELIVERY_RESULT));
  }
}
