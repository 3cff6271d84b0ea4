package io.chengis.engine.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongPredicate;

/**
 * The process ids Linux has given out since a moment, so that the end of a build reads {@code
 * /proc} only for processes that can have been started by its steps, not for every process on the
 * host (reading one process's {@code stat} costs the kernel tens of microseconds; a CI host runs
 * hundreds or thousands).
 *
 * <p>Linux gives out ids in a cycle: each new task (process or thread) gets the first free id after
 * the last one given out, wrapping from {@code pid_max} back to the low ids. So the tasks started
 * since the window opened have ids in the cyclic interval after the last id given out then (the
 * last field of {@code /proc/loadavg}, the same as {@code /proc/sys/kernel/ns_last_pid}) up to the
 * last one given out now, unless the cycle has come all the way round since. It cannot have when
 * fewer ids have been passed over than the cycle holds: each id passed over was either given out
 * (at most the number of forks since, from {@code /proc/stat}, threads included) or skipped as in
 * use by a task alive then or started since (at most the tasks alive at the start, from {@code
 * /proc/loadavg}, plus the forks), each of which holds its own id and at most a process group and a
 * session id outliving their leaders. When that bound does not rule the round out, or any of these
 * files cannot be read, or {@code /proc} shows another pid namespace than the JVM's, the window
 * admits every id.
 */
final class PidWindow {
  private static final Path PROC = Path.of("/proc");

  /** Ids below this are not given out again after the first wrap (the kernel's RESERVED_PIDS). */
  private static final long RESERVED = 300;

  /** Whether {@code /proc} shows the JVM's own pid namespace; neither changes while it runs. */
  private static final boolean PROC_IS_OURS = procIsOurs();

  /** A window that admits every id. */
  static final PidWindow EVERY = new PidWindow(-1, -1, -1, -1);

  private final long lastPid;
  private final long forks;
  private final long tasks;
  private final long pidMax;

  private PidWindow(long lastPid, long forks, long tasks, long pidMax) {
    this.lastPid = lastPid;
    this.forks = forks;
    this.tasks = tasks;
    this.pidMax = pidMax;
  }

  /**
   * Opens a window now.
   *
   * @return the window, or {@link #EVERY} where {@code /proc} cannot tell
   */
  static PidWindow open() {
    if (!PROC_IS_OURS) {
      return EVERY;
    }
    long pidMax = number("sys/kernel/pid_max");
    // The forks before the tasks and the last id: a task started in between is then counted among
    // the forks since, which only makes the bound stricter.
    long forks = forks();
    long[] loadavg = loadavg();
    if (pidMax < 0 || forks < 0 || loadavg == null) {
      return EVERY;
    }
    return new PidWindow(loadavg[LAST_PID], forks, loadavg[TASKS], pidMax);
  }

  /**
   * What the host started since a window opened, read once when it closes.
   *
   * @param forks the tasks the kernel started since (its forks, threads included, from {@code
   *     /proc/stat}); -1 when unknown
   * @param pids which ids may have been given out since; true for every id when it cannot be told
   */
  record Since(long forks, LongPredicate pids) {
    /**
     * Whether the host started nothing since but the given number of processes: when a build's
     * steps started that many and the kernel's forks since are no more, each fork was one of them,
     * so none of them started another and nothing else can carry their cookies. Any other fork on
     * the host, a thread of the JVM's among them, makes this false.
     *
     * @param started how many processes the steps started since the window opened
     * @return true only when nothing else was started; false too where it cannot be told
     */
    boolean startedOnly(long started) {
      return forks >= 0 && forks == started;
    }
  }

  /**
   * Reads what was started since the window opened, as far as can be told now.
   *
   * @return the forks and the ids since
   */
  Since since() {
    if (this == EVERY) {
      return new Since(-1, pid -> true);
    }
    long[] loadavg = loadavg();
    long forksNow = forks();
    long forksSince = forksNow < 0 ? -1 : forksNow - forks;
    if (loadavg == null || forksSince < 0 || !noFullCycle(forksSince, tasks, pidMax)) {
      return new Since(forksSince, pid -> true);
    }
    long after = lastPid;
    long lastNow = loadavg[LAST_PID];
    return new Since(forksSince, pid -> inCycle(pid, after, lastNow));
  }

  /**
   * Whether the id cycle cannot have come all the way round: every id passed over since was given
   * out (at most {@code forks}) or in use (at most three ids for each of {@code tasks + forks}).
   */
  static boolean noFullCycle(long forks, long tasks, long pidMax) {
    return noFullCycle(forks, tasks, pidMax, RESERVED);
  }

  /** As {@link #noFullCycle(long, long, long)}, for a cycle that wraps back to {@code reserved}. */
  static boolean noFullCycle(long forks, long tasks, long pidMax, long reserved) {
    return forks >= 0 && tasks >= 0 && forks + 3 * (tasks + forks) < pidMax - reserved - 1;
  }

  /** Whether the pid lies in the cyclic interval after {@code after}, up to {@code upTo}. */
  static boolean inCycle(long pid, long after, long upTo) {
    return after <= upTo ? pid > after && pid <= upTo : pid > after || pid <= upTo;
  }

  /** Whether {@code /proc} shows the JVM's own pid namespace. */
  private static boolean procIsOurs() {
    try {
      return Files.readSymbolicLink(PROC.resolve("self"))
          .toString()
          .equals(Long.toString(ProcessHandle.current().pid()));
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
  }

  private static long number(String file) {
    try {
      return Long.parseLong(text(file).strip());
    } catch (IOException | RuntimeException unreadable) {
      return -1;
    }
  }

  private static final int TASKS = 0;
  private static final int LAST_PID = 1;

  /**
   * From {@code /proc/loadavg}: the tasks alive on the host (the total after the slash) and the
   * last id given out in the reader's pid namespace (the last field, as {@code
   * /proc/sys/kernel/ns_last_pid} gives it), in one read.
   *
   * @return {@code [tasks, last pid]}, or null when unreadable
   */
  private static long[] loadavg() {
    try {
      String[] fields = text("loadavg").strip().split(" ");
      return new long[] {
        Long.parseLong(fields[3].substring(fields[3].indexOf('/') + 1)), Long.parseLong(fields[4])
      };
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /** The tasks started since boot: the {@code processes} line of {@code /proc/stat}. */
  private static long forks() {
    try {
      for (String line : text("stat").split("\n")) {
        if (line.startsWith("processes ")) {
          return Long.parseLong(line.substring("processes ".length()).strip());
        }
      }
      return -1;
    } catch (IOException | RuntimeException unreadable) {
      return -1;
    }
  }

  /** A file of {@code /proc}, read in one go from its start as a sysctl file requires. */
  private static String text(String file) throws IOException {
    byte[] bytes = ProcessTable.readProc(PROC.resolve(file).toString());
    if (bytes.length == 0) {
      throw new IOException("/proc/" + file + " is empty or unreadable");
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
