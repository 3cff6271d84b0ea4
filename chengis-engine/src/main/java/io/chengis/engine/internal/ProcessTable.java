package io.chengis.engine.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * One read of the Linux process table ({@code /proc}): every process and its parent. {@link
 * ProcessHandle#descendants()} reads the whole table on each call, so finding the trees of a
 * build's many steps with it costs one full scan per step; this reads it once. Processes that end
 * while the table is read are left out.
 */
final class ProcessTable {
  private static final Path PROC = Path.of("/proc");

  private final boolean readable;
  private final Map<Long, Long> parents;
  private final Map<Long, Long> starts;
  private final Map<Long, List<Long>> children = new HashMap<>();

  private ProcessTable(boolean readable, Map<Long, Long> parents, Map<Long, Long> starts) {
    this.readable = readable;
    this.parents = parents;
    this.starts = starts;
    parents.forEach(
        (pid, parent) -> children.computeIfAbsent(parent, p -> new ArrayList<>()).add(pid));
  }

  /**
   * Reads the table.
   *
   * @return every living process and its parent; empty where {@code /proc} cannot be read
   */
  static ProcessTable read() {
    return read(pid -> true);
  }

  /**
   * Reads the part of the table for some pids.
   *
   * @param which the pids to read
   * @return those of them living, with their parents; empty where {@code /proc} cannot be read
   */
  static ProcessTable read(LongPredicate which) {
    Map<Long, Long> parents = new HashMap<>();
    Map<Long, Long> starts = new HashMap<>();
    // One call lists the directory; a DirectoryStream crosses into native code once per entry.
    String[] names = PROC.toFile().list();
    if (names == null) {
      // No /proc (not Linux): callers use ProcessHandle instead.
      return new ProcessTable(false, Map.of(), Map.of());
    }
    for (String name : names) {
      if (!isPid(name)) {
        continue;
      }
      long pid = Long.parseLong(name);
      if (!which.test(pid)) {
        continue;
      }
      byte[] stat = read(pid, "stat");
      long parent = parentOf(stat);
      if (parent >= 0) {
        parents.put(pid, parent);
        starts.put(pid, startOf(stat));
      }
    }
    return new ProcessTable(true, parents, starts);
  }

  /**
   * Whether the table could be read.
   *
   * @return {@code false} where there is no readable {@code /proc}
   */
  boolean isReadable() {
    return readable;
  }

  /**
   * The pids in the table.
   *
   * @return every process found
   */
  Set<Long> pids() {
    return parents.keySet();
  }

  /**
   * When a process in the table started.
   *
   * @param pid the process
   * @return its start in clock ticks since boot, or -1 when unknown
   */
  long startOf(long pid) {
    return starts.getOrDefault(pid, -1L);
  }

  /**
   * A moment a little before now in clock ticks since boot (see {@link LocalProcess#bootTicks()}).
   *
   * @return the ticks, or -1 where {@code /proc/uptime} cannot be read
   */
  static long bootTicks() {
    try {
      String uptime = new String(readProc("/proc/uptime"), StandardCharsets.US_ASCII);
      int space = uptime.indexOf(' ');
      double seconds = Double.parseDouble(space < 0 ? uptime.strip() : uptime.substring(0, space));
      return Math.max(-1, (long) Math.floor(seconds * 100) - 100);
    } catch (RuntimeException unreadable) {
      return -1;
    }
  }

  /**
   * The descendants of a process.
   *
   * @param root the process
   * @return the pids of its children, their children, and so on
   */
  List<Long> descendants(long root) {
    List<Long> found = new ArrayList<>();
    Set<Long> seen = new HashSet<>(List.of(root));
    Deque<Long> next = new ArrayDeque<>(List.of(root));
    while (!next.isEmpty()) {
      for (long child : children.getOrDefault(next.pop(), List.of())) {
        if (seen.add(child)) {
          found.add(child);
          next.push(child);
        }
      }
    }
    return found;
  }

  /**
   * Reads a file of a process's {@code /proc} directory.
   *
   * @param pid the process
   * @param file e.g. {@code stat} or {@code environ}
   * @return its bytes; empty when the process has gone or the file is not readable
   */
  static byte[] read(long pid, String file) {
    return readProc("/proc/" + pid + "/" + file);
  }

  /**
   * Reads a file of {@code /proc} through a plain stream, starting with a buffer of 1 KiB: procfs
   * files report no size, and reading one costs the kernel more than the system calls around it, so
   * {@link Files#readAllBytes}'s size query and channel per file would add to every process of the
   * table at the end of every build; and a sysctl file answers only a read from its start.
   *
   * @param file the file's path
   * @return its bytes; empty when it is gone or not readable
   */
  static byte[] readProc(String file) {
    try (FileInputStream in = new FileInputStream(file)) {
      byte[] bytes = new byte[1024];
      int length = 0;
      int read;
      while ((read = in.read(bytes, length, bytes.length - length)) >= 0) {
        length += read;
        if (length == bytes.length) {
          bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
      }
      return Arrays.copyOf(bytes, length);
    } catch (IOException | RuntimeException goneOrForbidden) {
      return new byte[0];
    }
  }

  /**
   * The parent pid from {@code /proc/<pid>/stat}: the field after the state, which follows the last
   * {@code )}.
   */
  static long parentOf(byte[] stat) {
    int close = -1;
    for (int i = stat.length - 1; i >= 0; i--) {
      if (stat[i] == ')') {
        close = i;
        break;
      }
    }
    // ") S 1234 ..."
    int i = close + 4;
    if (close < 0 || i >= stat.length) {
      return -1;
    }
    long parent = 0;
    boolean digits = false;
    while (i < stat.length && stat[i] >= '0' && stat[i] <= '9') {
      parent = parent * 10 + (stat[i++] - '0');
      digits = true;
    }
    return digits ? parent : -1;
  }

  /** The start time from {@code /proc/<pid>/stat}: the 20th field after the last {@code )}. */
  static long startOf(byte[] stat) {
    return field(stat, 20);
  }

  /** A numeric field of {@code stat}, counting the state after the command name as field 1. */
  private static long field(byte[] stat, int wanted) {
    int close = -1;
    for (int i = stat.length - 1; i >= 0; i--) {
      if (stat[i] == ')') {
        close = i;
        break;
      }
    }
    if (close < 0) {
      return -1;
    }
    int i = close + 1;
    for (int field = 1; field <= wanted; field++) {
      while (i < stat.length && stat[i] == ' ') {
        i++;
      }
      if (field == wanted) {
        long value = 0;
        boolean digits = false;
        while (i < stat.length && stat[i] >= '0' && stat[i] <= '9') {
          value = value * 10 + (stat[i++] - '0');
          digits = true;
        }
        return digits ? value : -1;
      }
      while (i < stat.length && stat[i] != ' ') {
        i++;
      }
    }
    return -1;
  }

  private static boolean isPid(String name) {
    if (name.isEmpty() || name.length() > 18) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
