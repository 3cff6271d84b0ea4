package io.chengis.store;

/**
 * One holder at a time of a singleton duty (the scheduler, retention) among every engine node on a
 * database. On PostgreSQL it is a session advisory lock on a connection the holder keeps: when the
 * holder's process or connection dies, the server releases it and another node can take over. On
 * SQLite it is an exclusive lock on a file beside the database, released by the operating system
 * when the holder's process dies.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public interface Leadership extends AutoCloseable {
  /**
   * Takes the duty if nobody holds it; never blocks waiting for it.
   *
   * @return {@code true} when this node holds the duty (now or already)
   * @since 0.1.0
   */
  boolean tryAcquire();

  /**
   * Whether this node holds the duty: checks that the lock's connection is still alive.
   *
   * @return {@code true} while it does
   * @since 0.1.0
   */
  boolean isLeader();

  /**
   * Gives the duty up (closing does too).
   *
   * @since 0.1.0
   */
  void release();

  @Override
  default void close() {
    release();
  }
}
