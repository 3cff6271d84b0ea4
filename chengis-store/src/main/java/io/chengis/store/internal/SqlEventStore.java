package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.AT;
import static io.chengis.store.internal.Tables.BODY;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.EVENTS;
import static io.chengis.store.internal.Tables.EVENT_ID;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.TYPE;

import io.chengis.api.BuildEvent;
import io.chengis.api.EventId;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.EventStore;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;

/**
 * {@link EventStore} on SQL: append-only rows ordered by their time-ordered event ids, each event a
 * JSON document; replay is a range scan after a cursor. Appending an event that is already stored
 * keeps the first copy.
 *
 * <p>Thread-safe.
 */
public final class SqlEventStore implements EventStore {
  private final Database database;

  /** An event store on the database. */
  public SqlEventStore(Database database) {
    this.database = database;
  }

  @Override
  public void append(EventBatch batch) {
    Objects.requireNonNull(batch, "batch");
    List<BuildEvent> events = batch.events();
    for (int i = 1; i < events.size(); i++) {
      EventId previous = events.get(i - 1).id();
      EventId id = events.get(i).id();
      if (previous.compareTo(id) >= 0) {
        throw new IllegalArgumentException(
            "sql store "
                + database.description()
                + ": event "
                + (i + 1)
                + " of a batch for organization "
                + batch.org()
                + " is out of order (was "
                + id
                + " after "
                + previous
                + "); append events in increasing id order");
      }
    }
    if (events.isEmpty()) {
      return;
    }
    String org = batch.org().value();
    database.write(
        dsl -> {
          var insert = dsl.insertInto(EVENTS, ORG_ID, EVENT_ID, BUILD_ID, TYPE, AT, BODY);
          for (BuildEvent event : events) {
            insert =
                insert.values(
                    org,
                    event.id().value(),
                    event.buildId().value(),
                    event.getClass().getSimpleName(),
                    event.timestamp().toEpochMilli(),
                    Json.write(event));
          }
          return insert.onConflictDoNothing().execute();
        });
  }

  @Override
  public List<BuildEvent> replay(EventReplay replay) {
    Objects.requireNonNull(replay, "replay");
    Condition where = ORG_ID.eq(replay.org().value());
    if (replay.buildId().isPresent()) {
      where = where.and(BUILD_ID.eq(replay.buildId().get().value()));
    }
    if (replay.after().isPresent()) {
      where = where.and(EVENT_ID.gt(replay.after().get().value()));
    }
    Condition condition = where;
    return database
        .read(
            dsl ->
                dsl.select(BODY)
                    .from(EVENTS)
                    .where(condition)
                    .orderBy(EVENT_ID)
                    .limit(replay.limit())
                    .fetch(BODY))
        .stream()
        .map(body -> Json.read(body, BuildEvent.class))
        .toList();
  }
}
