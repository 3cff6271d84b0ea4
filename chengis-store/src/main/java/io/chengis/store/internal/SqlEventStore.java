package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.AT;
import static io.chengis.store.internal.Tables.BODY;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.EVENTS;
import static io.chengis.store.internal.Tables.EVENT_ID;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.TYPE;
import static io.chengis.store.internal.Tables.insertBound;

import io.chengis.api.BuildEvent;
import io.chengis.api.EventId;
import io.chengis.api.StoreException;
import io.chengis.api.spi.EventBatch;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.EventStore;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventStore} on SQL: append-only rows ordered by their time-ordered event ids, each event a
 * JSON document; replay is a range scan after a cursor. Appending an event that is already stored
 * keeps the first copy.
 *
 * <p>Appends are group-committed (decision 38): an append puts its events in a bounded in-memory
 * buffer and returns; a flusher writes everything buffered in one transaction at most {@link
 * #LINGER} after the first of it arrived. An event that ends or parks a build ({@code
 * BuildFinished}, {@code BuildWaiting}) or ends a stage ({@code StageFinished}: a resumed build
 * keeps the stages whose results are stored) is flushed with everything before it before its append
 * returns, and so is a full buffer. Replay reads the buffer as well as the table, so a cursor never
 * skips an event that is not yet written. A write that fails leaves the events buffered; the
 * flusher retries, and an append that must flush reports the failure.
 *
 * <p>Thread-safe. {@link #close} flushes.
 */
public final class SqlEventStore implements EventStore, AutoCloseable {
  /** How long an appended event may wait in the buffer before the flusher writes it. */
  static final Duration LINGER = Duration.ofMillis(5);

  private static final Logger LOG = LoggerFactory.getLogger(SqlEventStore.class);
  private static final int MAX_PENDING = 8_192;
  private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

  private final Database database;
  // Rendered once; a flush binds it per event and runs it as one JDBC batch (decision 56).
  private final String insertSql;
  private final ConcurrentSkipListMap<Key, Pending> pending = new ConcurrentSkipListMap<>();
  private final ReentrantLock flushing = new ReentrantLock();
  private final AtomicBoolean armed = new AtomicBoolean();
  private final Thread flusher;
  private volatile boolean closed;

  /** An event buffered for the next flush, with the organization it belongs to. */
  private record Pending(String org, BuildEvent event) {}

  /** Orders the buffer like the table: by event id, then organization. */
  private record Key(String eventId, String org) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byId = eventId.compareTo(other.eventId);
      return byId != 0 ? byId : org.compareTo(other.org);
    }
  }

  /**
   * An event store on the database; starts its flusher, a platform thread: a flush spends most of
   * its time in the database driver's native code, which would hold one of the few carrier threads
   * that the engine's virtual threads need meanwhile.
   */
  public SqlEventStore(Database database) {
    this.database = database;
    this.insertSql =
        database.sql(
            dsl ->
                insertBound(dsl, EVENTS, ORG_ID, EVENT_ID, BUILD_ID, TYPE, AT, BODY)
                    .onConflictDoNothing());
    this.flusher =
        Thread.ofPlatform().daemon().name("chengis-event-flusher").start(this::flushLoop);
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
    if (closed) {
      throw new StoreException(
          "sql store "
              + database.description()
              + ": event append after close (was "
              + events.size()
              + " events for organization "
              + batch.org()
              + "); keep the store open while the engine runs");
    }
    String org = batch.org().value();
    boolean durableNow = false;
    for (BuildEvent event : events) {
      pending.putIfAbsent(new Key(event.id().value(), org), new Pending(org, event));
      durableNow |=
          event instanceof BuildEvent.BuildFinished
              || event instanceof BuildEvent.BuildWaiting
              || event instanceof BuildEvent.StageFinished;
    }
    if (durableNow || pending.size() >= MAX_PENDING) {
      try {
        flush();
      } catch (RuntimeException failed) {
        // The events stay buffered: the flusher retries them.
        arm();
        throw failed;
      }
    } else {
      arm();
    }
  }

  private void arm() {
    if (armed.compareAndSet(false, true)) {
      LockSupport.unpark(flusher);
    }
  }

  /**
   * Writes every buffered event now, in one transaction, and returns when they are committed.
   *
   * @throws StoreException when the write fails; the events stay buffered
   */
  public void flush() {
    flushing.lock();
    try {
      while (!pending.isEmpty()) {
        List<Map.Entry<Key, Pending>> rows = new ArrayList<>(Math.min(pending.size(), 1024));
        for (Map.Entry<Key, Pending> entry : pending.entrySet()) {
          rows.add(entry);
          if (rows.size() == MAX_PENDING) {
            break;
          }
        }
        write(rows);
        // Removed only after the commit, so replay finds every event in the buffer or the table.
        rows.forEach(entry -> pending.remove(entry.getKey(), entry.getValue()));
      }
    } finally {
      flushing.unlock();
    }
  }

  private void write(List<Map.Entry<Key, Pending>> rows) {
    // Written before the write, off the SQLite writer's lock, as log appends and saves do.
    List<String> bodies = new ArrayList<>(rows.size());
    for (Map.Entry<Key, Pending> row : rows) {
      bodies.add(Json.write(row.getValue().event()));
    }
    database.writeStatements(
        statements -> {
          PreparedStatement insert = statements.prepare(insertSql);
          for (int i = 0; i < rows.size(); i++) {
            Pending row = rows.get(i).getValue();
            BuildEvent event = row.event();
            insert.setString(1, row.org());
            insert.setString(2, event.id().value());
            insert.setString(3, event.buildId().value());
            insert.setString(4, event.getClass().getSimpleName());
            insert.setLong(5, event.timestamp().toEpochMilli());
            insert.setString(6, bodies.get(i));
            insert.addBatch();
          }
          insert.executeBatch();
          return null;
        });
  }

  private void flushLoop() {
    while (!closed) {
      if (!armed.get()) {
        LockSupport.park(this);
        continue;
      }
      LockSupport.parkNanos(this, LINGER.toNanos());
      // Disarmed before the flush takes its rows: an append after this re-arms the flusher.
      armed.set(false);
      try {
        flush();
      } catch (RuntimeException failed) {
        LOG.warn(
            "writing {} buffered events to {} failed, retrying: {}",
            pending.size(),
            database.description(),
            failed.getMessage());
        armed.set(true);
        LockSupport.parkNanos(this, RETRY_NANOS);
      }
    }
  }

  @Override
  public List<BuildEvent> replay(EventReplay replay) {
    Objects.requireNonNull(replay, "replay");
    String org = replay.org().value();
    // The buffer is read before the table: an event flushed in between is then in both, never in
    // neither. The table's copy wins, as it is the first one stored.
    TreeMap<String, BuildEvent> merged = new TreeMap<>();
    Map<Key, Pending> buffered =
        replay.after().isPresent()
            ? pending.tailMap(new Key(replay.after().get().value(), "\uffff"), false)
            : pending;
    for (Pending candidate : buffered.values()) {
      if (merged.size() == replay.limit()) {
        break;
      }
      if (candidate.org().equals(org)
          && replay.buildId().map(candidate.event().buildId()::equals).orElse(true)) {
        merged.put(candidate.event().id().value(), candidate.event());
      }
    }
    Condition where = ORG_ID.eq(org);
    if (replay.buildId().isPresent()) {
      where = where.and(BUILD_ID.eq(replay.buildId().get().value()));
    }
    if (replay.after().isPresent()) {
      where = where.and(EVENT_ID.gt(replay.after().get().value()));
    }
    Condition condition = where;
    List<String> bodies =
        database.read(
            dsl ->
                dsl.select(BODY)
                    .from(EVENTS)
                    .where(condition)
                    .orderBy(EVENT_ID)
                    .limit(replay.limit())
                    .fetch(BODY));
    for (String body : bodies) {
      BuildEvent event = Json.read(body, BuildEvent.class);
      merged.put(event.id().value(), event);
    }
    List<BuildEvent> events = new ArrayList<>(Math.min(merged.size(), replay.limit()));
    for (BuildEvent event : merged.values()) {
      if (events.size() == replay.limit()) {
        break;
      }
      events.add(event);
    }
    return events;
  }

  /** Stops the flusher and writes what is buffered. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(flusher);
    try {
      flusher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
