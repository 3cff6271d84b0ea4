package io.chengis.git.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Exclusive access to one mirror: a {@link ReentrantLock} per lock file inside this JVM (the JVM
 * holds file locks per process, so two threads cannot both take one), then an OS file lock against
 * other processes sharing the mirror directory.
 */
public final class MirrorLock {
  private static final ConcurrentMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

  private MirrorLock() {}

  /** A held lock; closing releases it. */
  public interface Held extends AutoCloseable {
    @Override
    void close() throws IOException;
  }

  /**
   * Takes the lock on {@code lockFile}, waiting while another build holds it.
   *
   * @param lockFile the lock file, created when absent
   * @param cancelled polled while waiting for another thread of this JVM
   * @return the held lock
   * @throws InterruptedException when interrupted or cancelled while waiting
   * @throws IOException when the lock file cannot be opened or locked
   */
  public static Held acquire(Path lockFile, BooleanSupplier cancelled)
      throws InterruptedException, IOException {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock local = LOCAL.computeIfAbsent(key, ignored -> new ReentrantLock());
    while (!local.tryLock(100, TimeUnit.MILLISECONDS)) {
      if (cancelled.getAsBoolean()) {
        throw new InterruptedException("cancelled while waiting for the mirror lock");
      }
    }
    FileChannel channel;
    FileLock fileLock;
    try {
      Files.createDirectories(key.getParent());
      channel =
          FileChannel.open(
              key, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      try {
        fileLock = channel.lock();
      } catch (IOException | RuntimeException failed) {
        channel.close();
        throw failed;
      }
    } catch (IOException | RuntimeException failed) {
      local.unlock();
      throw failed;
    }
    FileChannel open = channel;
    FileLock held = fileLock;
    return () -> {
      try {
        held.release();
        open.close();
      } finally {
        local.unlock();
      }
    };
  }
}
