package io.chengis.engine.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The directory of one build's step files ({@code $CHENGIS_OUTPUT} and the env, path and summary
 * files beside it), which tells with one {@code stat} of itself whether a step may have written
 * any, instead of four look-ups of names that usually do not exist. Each of those names is new, so
 * each look-up misses the kernel's name cache and searches the directory; a step that writes none
 * of its files is the common case.
 *
 * <p>A step can write a step file only by adding a name to the directory, which sets the
 * directory's modification time to the current time. So when the directory's modification time
 * after the step equals one seen before the step started, and that time was already older than
 * {@link #SETTLED} then, nothing was added: an addition during the step would carry a later time,
 * even on a file system that keeps times in whole seconds. The directory's time is set far into the
 * past when it is made, so that a build's first steps need not wait for it to settle; after a step
 * that wrote files the next steps look their names up until it has.
 *
 * <p>The file-system clock is the real-time clock, never the engine's (a host's or a test's clock
 * may be anything). Only on local file systems, whose times come from this machine's clock and
 * whose attributes are never cached stale, is the time trusted; elsewhere every step's names are
 * looked up. Thread-safe: parallel steps share the directory, and each compares only times it saw
 * itself or that some step saw before it started.
 */
final class StepFileDirectory {
  /**
   * How long the directory's time must have been unchanged before a step started for an unchanged
   * time to prove the step added nothing: longer than the coarsest time stamps of a trusted file
   * system (whole seconds) and than the kernel's clock tick for them.
   */
  static final Duration SETTLED = Duration.ofSeconds(2);

  /** File systems whose directory times come from this machine's clock, read fresh. */
  private static final Set<String> LOCAL_FILE_SYSTEMS =
      Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "f2fs", "zfs", "overlay", "apfs");

  /** Whether the file system of each parent of build directories is trusted, once looked up. */
  private static final Map<Path, Boolean> LOCAL_PARENTS = new ConcurrentHashMap<>();

  /** The time the directory is given when made: long settled. */
  private static final FileTime LONG_AGO = FileTime.from(Instant.EPOCH);

  private final Path directory;
  private final InstantSource realTime;

  /** Numbers the attempts that named their files here. */
  private final AtomicLong attempts = new AtomicLong();

  /** The directory's latest time seen; null when it cannot be trusted. */
  private final AtomicReference<FileTime> lastSeen;

  private StepFileDirectory(Path directory, InstantSource realTime, FileTime seen) {
    this.directory = directory;
    this.realTime = realTime;
    this.lastSeen = new AtomicReference<>(seen);
  }

  /**
   * Makes the directory (and its parents) if missing, and sets its time long ago.
   *
   * @param directory the build's step-file directory
   * @return the directory
   * @throws IOException when it cannot be made
   */
  static StepFileDirectory create(Path directory) throws IOException {
    return create(directory, InstantSource.system());
  }

  /** As {@link #create(Path)}, with the real-time clock given (for tests that move it). */
  static StepFileDirectory create(Path directory, InstantSource realTime) throws IOException {
    Path made = Files.createDirectories(directory);
    FileTime seen = null;
    if (isLocalChild(made)) {
      try {
        Files.setLastModifiedTime(made, LONG_AGO);
      } catch (IOException untouchable) {
        // Then its time is when it was made: the first steps look their names up until it settles.
      }
      seen = readTime(made);
    }
    return new StepFileDirectory(made, realTime, seen);
  }

  /**
   * Whether the file system of the directory is one whose directory times can be trusted. Asked of
   * the parent, once per parent: finding a file store reads the mount table, and a build's
   * directory, just made, is on its parent's file system.
   */
  private static boolean isLocalChild(Path directory) {
    Path parent = directory.toAbsolutePath().getParent();
    if (parent == null) {
      return isLocal(directory);
    }
    return LOCAL_PARENTS.computeIfAbsent(parent, StepFileDirectory::isLocal);
  }

  /** Whether the file system of the directory is one whose directory times can be trusted. */
  static boolean isLocal(Path directory) {
    try {
      FileStore store = Files.getFileStore(directory);
      return LOCAL_FILE_SYSTEMS.contains(store.type().toLowerCase(Locale.ROOT));
    } catch (IOException | SecurityException unknown) {
      return false;
    }
  }

  /**
   * The directory.
   *
   * @return its path
   */
  Path path() {
    return directory;
  }

  /**
   * Names the files of a step's attempt and notes what is known before it starts; call it before
   * the step's process is started. The names are new for every attempt, so that a background
   * process an earlier one left writing cannot write into a later one's files.
   *
   * @param stage the stage instance's name
   * @param step the step's name
   * @return the attempt, to check once it has ended
   */
  Attempt startAttempt(String stage, String step) {
    // The counter makes names unique within this engine's run of the build, the time across runs
    // of it (a resumed build finds its directory again, perhaps with files of the earlier run).
    Path outputFile =
        directory.resolve(
            Integer.toHexString((stage + "\u0000" + step).hashCode())
                + "-"
                + Long.toString(System.nanoTime(), 36)
                + "-"
                + attempts.incrementAndGet());
    FileTime seen = lastSeen.get();
    return new Attempt(outputFile, seen, seen == null ? Instant.MAX : realTime.instant());
  }

  /**
   * Whether the attempt may have written step files: false only when the directory provably gained
   * no name since it started.
   *
   * @param attempt started before the step's process
   * @return whether its files must be looked for
   */
  boolean mayHoldFilesOf(Attempt attempt) {
    if (attempt.seen() == null) {
      return true;
    }
    FileTime now = readTime(directory);
    if (now == null) {
      return true;
    }
    lastSeen.set(now);
    return !(now.equals(attempt.seen())
        && attempt.seen().toInstant().isBefore(attempt.startedAt().minus(SETTLED)));
  }

  /** The directory's modification time, or null when it cannot be read. */
  private static FileTime readTime(Path directory) {
    try {
      return Files.getLastModifiedTime(directory);
    } catch (IOException unreadable) {
      return null;
    }
  }

  /**
   * One attempt of a step: its output file, which the env, path and summary files' names extend,
   * the directory's time last seen before it started, and the real time then.
   *
   * @param outputFile the file named by {@code $CHENGIS_OUTPUT}
   * @param seen the directory's time, null when untrusted
   * @param startedAt the real time, before the step's process started
   */
  record Attempt(Path outputFile, FileTime seen, Instant startedAt) {}
}
