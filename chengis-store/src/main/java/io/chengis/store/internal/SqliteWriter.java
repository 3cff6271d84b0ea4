package io.chengis.store.internal;

import io.chengis.api.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The single write path of a SQLite database: one thread owns one connection and runs every write
 * of this process. It takes all writes that are waiting, runs each in its own savepoint and commits
 * them together, so a burst of small writes costs one fsync and no caller ever sees {@code
 * SQLITE_BUSY} from a sibling writer. A write that fails rolls back to its savepoint and fails
 * alone; the others commit.
 *
 * <p>Thread-safe; callers block until their write is committed.
 */
final class SqliteWriter implements AutoCloseable {
  private static final int MAX_BATCH = 512;

  private final BlockingQueue<Write<?>> pending = new LinkedBlockingQueue<>();
  private final Connection connection;
  private final DSLContext dsl;
  private final Thread thread;
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
    this.thread = Thread.ofPlatform().daemon().name("chengis-sqlite-writer").start(this::loop);
  }

  <T> T write(Function<DSLContext, T> work) {
    if (closed) {
      throw new StoreException(
          "sqlite store: write after close (was a write on a closed store); keep the store open"
              + " while the engine runs");
    }
    if (Thread.currentThread() == thread) {
      return work.apply(dsl);
    }
    Write<T> write = new Write<>(work);
    pending.add(write);
    try {
      return write.result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(
          "sqlite store: interrupted while waiting for a write (was interrupted); the write may"
              + " still commit",
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StoreException("sqlite store: write failed (was " + e.getCause() + ")", e);
    }
  }

  private void loop() {
    List<Write<?>> batch = new ArrayList<>();
    while (!closed || !pending.isEmpty()) {
      try {
        Write<?> first = pending.take();
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        runBatch(batch);
      } catch (InterruptedException e) {
        if (closed) {
          pending.drainTo(batch);
          runBatch(batch);
          return;
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void runBatch(List<Write<?>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<Runnable> completions = new ArrayList<>(batch.size());
    try {
      for (Write<?> write : batch) {
        completions.add(write.runIn(connection, dsl));
      }
      connection.commit();
      completions.forEach(Runnable::run);
    } catch (SQLException | RuntimeException | Error e) {
      // An Error (a class missing from a broken class path, say) must not kill the writer with
      // callers waiting on it forever: every write of the batch fails with the cause.
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
    closed = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing a file handle: nothing the caller could do
      }
    }
  }

  /** One caller's write and its result. */
  private static final class Write<T> {
    final Function<DSLContext, T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();

    Write(Function<DSLContext, T> work) {
      this.work = work;
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
