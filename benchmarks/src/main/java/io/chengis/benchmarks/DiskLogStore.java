package io.chengis.benchmarks;

import io.chengis.api.StoreException;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.api.spi.LogStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link LogStore} that keeps lines in files, as a host's database would, so that the heap the
 * harness measures is the engine's own. On the heap it keeps one small record per chunk (where the
 * chunk starts in lines and in its file). Thread-safe.
 */
final class DiskLogStore implements LogStore, AutoCloseable {
  private final Path directory;
  private final AtomicLong files = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<LogKey, Log> logs = new HashMap<>();

  DiskLogStore(Path directory) {
    this.directory = directory;
  }

  private final class Log {
    final LineFile file = new LineFile(directory.resolve("log-" + files.incrementAndGet()));
    final List<Long> startLines = new ArrayList<>();
    final List<Long> positions = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    long size;
  }

  @Override
  public void append(LogChunk chunk) {
    Log log;
    lock.lock();
    try {
      log = logs.computeIfAbsent(chunk.key(), key -> new Log());
      if (chunk.offset() > log.size) {
        throw new StoreException(
            "disk log store: chunk at line "
                + chunk.offset()
                + " would leave a gap (was offset "
                + chunk.offset()
                + ", log ends at "
                + log.size
                + "); append from offset "
                + log.size);
      }
      if (chunk.end() <= log.size) {
        return;
      }
      var fresh = chunk.lines().subList((int) (log.size - chunk.offset()), chunk.lines().size());
      long position = log.file.append(fresh);
      log.startLines.add(log.size);
      log.positions.add(position);
      log.sizes.add(fresh.size());
      log.size += fresh.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public LogChunk read(LogRead read) {
    List<io.chengis.api.LogLine> found = new ArrayList<>();
    lock.lock();
    try {
      Log log = logs.get(read.key());
      if (log != null && read.offset() < log.size) {
        int chunk = Collections.binarySearch(log.startLines, read.offset());
        chunk = chunk >= 0 ? chunk : -chunk - 2;
        long line = read.offset();
        while (chunk < log.startLines.size() && found.size() < read.limit()) {
          int skip = (int) (line - log.startLines.get(chunk));
          int count = Math.min(log.sizes.get(chunk) - skip, read.limit() - found.size());
          found.addAll(log.file.read(log.positions.get(chunk), skip, count));
          line += count;
          chunk++;
        }
      }
    } finally {
      lock.unlock();
    }
    return new LogChunk(read.key(), read.offset(), found);
  }

  @Override
  public void close() throws IOException {
    for (Log log : logs.values()) {
      log.file.close();
    }
  }
}
