package io.chengis.engine.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One operating-system process started for a step, in its own session and process group (through
 * {@code setsid} when available) so that the whole tree, including background grandchildren, can be
 * signalled. Output is decoded as UTF-8, masked, cut into lines and handed to a sink with the time
 * each piece was read.
 *
 * <p>Thread-safe: {@link #terminateTree} may be called from any thread while another waits.
 */
public final class LocalProcess {
  /** Where output lines go; called from the reader thread of each stream. */
  @FunctionalInterface
  public interface OutputSink {
    /**
     * Receives one line.
     *
     * @param stderr whether the line came from standard error
     * @param at when the line was read
     * @param text the masked line without terminator
     */
    void line(boolean stderr, Instant at, String text);
  }

  private static final int MAX_LINE = 64 * 1024;
  private static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(1);
  private static final Optional<Path> SETSID = find("setsid");
  private static final long OWN_GROUP = processGroup(ProcessHandle.current().pid()).orElse(-1L);

  private final Process process;
  private final List<Thread> readers = new ArrayList<>(2);
  private final Set<Long> groups = new LinkedHashSet<>();

  /** Set when the step is over but a background process still holds the output open. */
  private volatile boolean detached;

  private LocalProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code shell -c command}.
   *
   * @param shell the shell program, e.g. {@code sh}
   * @param command the command text (never logged by this class)
   * @param directory the working directory
   * @param environment the complete environment of the process
   * @param masker masks secrets before lines reach the sink
   * @param clock stamps lines
   * @param sink receives lines
   * @return the running process
   * @throws IOException when the process cannot be started
   */
  public static LocalProcess start(
      String shell,
      String command,
      Path directory,
      Map<String, String> environment,
      SecretMasker masker,
      InstantSource clock,
      OutputSink sink)
      throws IOException {
    List<String> argv = new ArrayList<>(5);
    SETSID.ifPresent(
        setsid -> {
          argv.add(setsid.toString());
          argv.add("--wait");
        });
    argv.add(shell);
    argv.add("-c");
    argv.add(command);
    ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    LocalProcess started = new LocalProcess(builder.start());
    if (SETSID.isPresent()) {
      // setsid makes the shell a session and group leader (it is not one when spawned), so its
      // pid names the group; the group outlives the shell while background children remain.
      started.groups.add(started.process.pid());
    }
    started.read(started.process.getInputStream(), false, masker, clock, sink);
    started.read(started.process.getErrorStream(), true, masker, clock, sink);
    return started;
  }

  /**
   * The process id of the started program.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Waits for the process to exit, however long it takes, then for its output to drain.
   *
   * @return the exit code
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public int waitFor() throws InterruptedException {
    int exit = process.waitFor();
    awaitReaders();
    return exit;
  }

  /**
   * Waits for the process to exit, then for its output to drain.
   *
   * @param limit the longest wait
   * @return the exit code, or empty when the limit passed first
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public Optional<Integer> waitFor(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    awaitReaders();
    return Optional.of(process.exitValue());
  }

  /**
   * Terminates the whole process tree: SIGTERM to every process group and descendant, then SIGKILL
   * to whatever is still alive after the grace period. Waits for the output to drain.
   *
   * @param grace how long processes get to exit after SIGTERM
   * @throws InterruptedException when the calling thread is interrupted
   */
  public void terminateTree(Duration grace) throws InterruptedException {
    List<ProcessHandle> tree = snapshot();
    signal(tree, "TERM");
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle handle : tree) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          handle.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException stillAlive) {
          // killed below
        }
      }
    }
    List<ProcessHandle> survivors = snapshot();
    survivors.addAll(tree);
    signal(survivors, "KILL");
    survivors.forEach(ProcessHandle::destroyForcibly);
    process.waitFor();
    awaitReaders();
  }

  /**
   * The process groups that have at least one living member, read once from {@code /proc}.
   *
   * @return the group ids
   */
  public static Set<Long> livingGroups() {
    Set<Long> living = new java.util.HashSet<>();
    ProcessHandle.allProcesses()
        .forEach(handle -> processGroup(handle.pid()).ifPresent(living::add));
    return living;
  }

  /**
   * Whether one of this process's groups is among the given ones.
   *
   * @param living groups from {@link #livingGroups()}
   * @return whether something of this step may still be running
   */
  public boolean anyGroupIn(Set<Long> living) {
    synchronized (groups) {
      return groups.stream().anyMatch(living::contains) || process.isAlive();
    }
  }

  private List<ProcessHandle> snapshot() {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process.toHandle());
    process.toHandle().descendants().forEach(tree::add);
    List<Long> found = new ArrayList<>();
    for (ProcessHandle handle : tree) {
      processGroup(handle.pid()).filter(group -> group != OWN_GROUP).ifPresent(found::add);
    }
    synchronized (groups) {
      groups.addAll(found);
    }
    return tree;
  }

  private void signal(List<ProcessHandle> tree, String signal) throws InterruptedException {
    List<Long> targets;
    synchronized (groups) {
      targets = List.copyOf(groups);
    }
    for (long group : targets) {
      try {
        new ProcessBuilder("kill", "-s", signal, "--", "-" + group)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor();
      } catch (IOException noKillCommand) {
        // Without kill(1) the ProcessHandle signals below still reach every known descendant.
      }
    }
  }

  private void read(
      InputStream stream,
      boolean stderr,
      SecretMasker masker,
      InstantSource clock,
      OutputSink sink) {
    Thread reader =
        Thread.ofVirtual()
            .name("chengis-output-" + process.pid() + (stderr ? "-err" : "-out"))
            .start(
                () ->
                    pump(
                        stream,
                        masker,
                        clock,
                        (at, text) -> {
                          if (!detached) {
                            sink.line(stderr, at, text);
                          }
                        }));
    readers.add(reader);
  }

  /** Receives the lines of one stream. */
  private interface StreamSink {
    void line(Instant at, String text);
  }

  private static void pump(
      InputStream stream, SecretMasker masker, InstantSource clock, StreamSink sink) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    SecretMasker.Stream masking = masker.stream();
    Instant[] readAt = {clock.instant()};
    LineSplitter lines = new LineSplitter(MAX_LINE, line -> sink.line(readAt[0], line));
    byte[] raw = new byte[64 * 1024];
    ByteBuffer bytes = ByteBuffer.allocate(raw.length + 8);
    CharBuffer chars = CharBuffer.allocate(raw.length + 8);
    try (stream) {
      int read;
      while ((read = stream.read(raw)) >= 0) {
        readAt[0] = clock.instant();
        bytes.put(raw, 0, read).flip();
        decoder.decode(bytes, chars, false);
        bytes.compact();
        lines.feed(masking.feed(chars.flip()));
        chars.clear();
      }
    } catch (IOException closed) {
      // The stream was closed because the process tree was killed; what was read is kept.
    }
    bytes.flip();
    decoder.decode(bytes, chars, true);
    decoder.flush(chars);
    lines.feed(masking.feed(chars.flip()));
    lines.feed(masking.flush());
    lines.finish();
  }

  /**
   * Waits a short while for the output to drain. A background process the step started may keep the
   * pipes open long after the step's shell exited: then the readers are detached (their later
   * output is dropped) instead of holding the step open for the background process's lifetime.
   */
  private void awaitReaders() throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_AFTER_EXIT.toNanos();
    for (Thread reader : readers) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !reader.join(Duration.ofNanos(left))) {
        detached = true;
        closeQuietly(process.getInputStream());
        closeQuietly(process.getErrorStream());
        return;
      }
    }
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException ignored) {
      // Closing only unblocks the reader; nothing else depends on it.
    }
  }

  private static Optional<Long> processGroup(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name (which may contain spaces) start after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(Long.parseLong(fields[2]));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  private static Optional<Path> find(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(":")) {
      Path candidate = Path.of(directory, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
