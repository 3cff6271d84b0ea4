package io.chengis.store.internal;

import io.chengis.api.StoreException;
import io.chengis.store.Leadership;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/** The two {@link Leadership} implementations. */
public final class Leaderships {
  private Leaderships() {}

  /** A PostgreSQL session advisory lock, keyed by the duty's name. */
  public static Leadership postgresql(DataSource dataSource, String duty) {
    return new Advisory(dataSource, duty);
  }

  /** An exclusive lock on {@code <database>.<duty>.leader}. */
  public static Leadership file(Path database, String duty) {
    return new FileLeader(database.resolveSibling(database.getFileName() + "." + duty + ".leader"));
  }

  private static final class Advisory implements Leadership {
    private final DataSource dataSource;
    private final String key;
    private final ReentrantLock lock = new ReentrantLock();
    private Optional<Connection> held = Optional.empty();

    Advisory(DataSource dataSource, String duty) {
      this.dataSource = dataSource;
      this.key = "chengis-leader:" + duty;
    }

    @Override
    public boolean tryAcquire() {
      lock.lock();
      try {
        if (isLeader()) {
          return true;
        }
        Connection connection = dataSource.getConnection();
        try (PreparedStatement take =
            connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
          take.setString(1, key);
          try (ResultSet result = take.executeQuery()) {
            if (result.next() && result.getBoolean(1)) {
              held = Optional.of(connection);
              return true;
            }
          }
        }
        connection.close();
        return false;
      } catch (SQLException e) {
        throw new StoreException(
            "leadership " + key + ": the database did not answer (was " + e.getMessage() + ")", e);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean isLeader() {
      lock.lock();
      try {
        if (held.isEmpty()) {
          return false;
        }
        try (PreparedStatement check =
            held.get()
                .prepareStatement(
                    "select count(*) from pg_locks where locktype = 'advisory' and pid ="
                        + " pg_backend_pid() and granted")) {
          try (ResultSet result = check.executeQuery()) {
            if (result.next() && result.getInt(1) > 0) {
              return true;
            }
          }
        } catch (SQLException connectionDied) {
          // the server ended the session: its advisory lock went with it
        }
        drop();
        return false;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void release() {
      lock.lock();
      try {
        held.ifPresent(
            connection -> {
              try (PreparedStatement give =
                  connection.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
                give.setString(1, key);
                give.execute();
              } catch (SQLException alreadyGone) {
                // a dead connection holds nothing
              }
            });
        drop();
      } finally {
        lock.unlock();
      }
    }

    private void drop() {
      held.ifPresent(
          connection -> {
            try {
              // A pooled connection: abort it so that the pool never hands out a session that
              // might still hold the lock.
              connection.abort(Runnable::run);
            } catch (SQLException ignored) {
              // nothing left to close
            }
          });
      held = Optional.empty();
    }
  }

  private static final class FileLeader implements Leadership {
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private Optional<FileLock> held = Optional.empty();

    FileLeader(Path file) {
      this.file = file;
    }

    @Override
    public boolean tryAcquire() {
      lock.lock();
      try {
        if (isLeader()) {
          return true;
        }
        FileChannel channel =
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock taken;
        try {
          taken = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
          taken = null;
        }
        if (taken == null) {
          channel.close();
          return false;
        }
        held = Optional.of(taken);
        return true;
      } catch (IOException e) {
        throw new StoreException(
            "leadership: cannot lock " + file + " (was " + e.getMessage() + "); check permissions",
            e);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean isLeader() {
      lock.lock();
      try {
        return held.map(FileLock::isValid).orElse(false);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void release() {
      lock.lock();
      try {
        held.ifPresent(
            taken -> {
              try {
                taken.channel().close();
              } catch (IOException ignored) {
                // closing releases the lock; nothing else to do
              }
            });
        held = Optional.empty();
      } finally {
        lock.unlock();
      }
    }
  }
}
