package io.chengis.store.internal;

import io.chengis.api.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The single write path of a SQLite database: one connection, guarded by one lock, runs every write
 * of this process, so no caller ever sees {@code SQLITE_BUSY} from a sibling writer.
 *
 * <p>Writes are combined: a caller queues its write and takes the lock; whoever holds it runs every
 * write waiting at that moment, each in its own savepoint (a failing write rolls back alone; a
 * write that is alone in its batch needs none), and commits them together; a caller whose write
 * someone else already committed returns at once. An uncontended write costs no thread hand-off,
 * and a burst of writes from many threads costs one commit.
 *
 * <p>Thread-safe; callers block until their write is committed.
 */
final class SqliteWriter implements AutoCloseable {
  private static final int MAX_BATCH = 512;

  private final ConcurrentLinkedQueue<Write<?>> pending = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection;
  private final DSLContext dsl;
  // Prepared once per SQL on the one connection; used only by whoever holds the lock.
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private volatile boolean closed;

  SqliteWriter(DataSource dataSource, String name) {
    try {
      this.connection = dataSource.getConnection();
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new StoreException(
          "sqlite store "
              + name
              + ": cannot open the write connection (was "
              + e.getMessage()
              + "); check that the file's directory exists and is writable",
          e);
    }
    this.dsl = DSL.using(connection, SQLDialect.SQLITE);
  }

  <T> T write(Function<DSLContext, T> work) {
    if (lock.isHeldByCurrentThread()) {
      // A write inside a write: it is part of the batch being run.
      return work.apply(dsl);
    }
    Write<T> write = new Write<>(work);
    pending.add(write);
    lock.lock();
    try {
      while (!write.result.isDone()) {
        if (closed) {
          pending.remove(write);
          throw new StoreException(
              "sqlite store: write after close (was a write on a closed store); keep the store"
                  + " open while the engine runs");
        }
        runBatch();
      }
    } finally {
      lock.unlock();
    }
    try {
      return write.result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(
          "sqlite store: interrupted while waiting for a write (was interrupted); it has been"
              + " committed or failed",
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StoreException("sqlite store: write failed (was " + e.getCause() + ")", e);
    }
  }

  /**
   * Runs a write of plain JDBC statements, like {@link #write}; its statements are prepared once on
   * the writer's connection and kept for the next write with the same SQL.
   */
  <T> T writeStatements(Database.StatementWrite<T> work) {
    return write(
        dsl -> {
          try {
            return work.run(this::prepared);
          } catch (SQLException e) {
            throw new DataAccessException(
                "sqlite store: a statement failed (was " + e.getMessage() + ")", e);
          }
        });
  }

  /** A kept statement for the SQL; called with the lock held, by the write that holds it. */
  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    } else {
      // A write that failed half-way may have left rows in the batch.
      statement.clearBatch();
    }
    return statement;
  }

  /** Runs every write waiting now, in one transaction; called with the lock held. */
  private void runBatch() {
    List<Write<?>> batch = new ArrayList<>();
    for (Write<?> next; batch.size() < MAX_BATCH && (next = pending.poll()) != null; ) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    List<Runnable> completions = new ArrayList<>(batch.size());
    try {
      if (batch.size() == 1) {
        // Alone in its transaction, a write needs no savepoint: rolling back the transaction
        // rolls back just it.
        completions.add(batch.getFirst().runAlone(connection, dsl));
      } else {
        for (Write<?> write : batch) {
          completions.add(write.runIn(connection, dsl));
        }
      }
      connection.commit();
      completions.forEach(Runnable::run);
    } catch (SQLException | RuntimeException | Error e) {
      // An Error (a class missing from a broken class path, say) fails the batch's callers with
      // the cause instead of leaving them waiting.
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      StoreException failure =
          new StoreException(
              "sqlite store: commit of "
                  + batch.size()
                  + " writes failed (was "
                  + e.getMessage()
                  + "); nothing of them was stored, retry the operation",
              e);
      batch.forEach(write -> write.result.completeExceptionally(failure));
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      runBatch();
      try {
        for (PreparedStatement statement : statements.values()) {
          statement.close();
        }
        connection.close();
      } catch (SQLException e) {
        // closing a file handle: nothing the caller could do
      }
    } finally {
      lock.unlock();
    }
  }

  /** One caller's write and its result. */
  private static final class Write<T> {
    final Function<DSLContext, T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();

    Write(Function<DSLContext, T> work) {
      this.work = work;
    }

    /** Runs the write as the whole transaction; returns what completes the caller. */
    Runnable runAlone(Connection connection, DSLContext dsl) throws SQLException {
      try {
        T value = work.apply(dsl);
        return () -> result.complete(value);
      } catch (RuntimeException e) {
        connection.rollback();
        return () -> result.completeExceptionally(e);
      }
    }

    /** Runs the write in a savepoint; returns what completes the caller after the commit. */
    Runnable runIn(Connection connection, DSLContext dsl) throws SQLException {
      Savepoint savepoint = connection.setSavepoint();
      try {
        T value = work.apply(dsl);
        connection.releaseSavepoint(savepoint);
        return () -> result.complete(value);
      } catch (RuntimeException e) {
        connection.rollback(savepoint);
        return () -> result.completeExceptionally(e);
      } catch (Error e) {
        connection.rollback(savepoint);
        throw e;
      }
    }
  }
}
