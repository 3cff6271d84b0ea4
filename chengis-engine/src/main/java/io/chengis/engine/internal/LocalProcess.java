package io.chengis.engine.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * One operating-system process started for a step. Every process of the step's tree inherits a
 * random cookie in its environment ({@value #COOKIE}), so the whole tree can be found and signalled
 * later, including background grandchildren that were re-parented when their parent exited (the
 * approach Jenkins' process tree killer takes). Output is read in large chunks, masked on its raw
 * bytes, and handed on as read, with the time each chunk was read, to a capture that cuts it into
 * lines or has them cut elsewhere.
 *
 * <p>Each stream is read on a platform thread from a shared pool, not on a virtual thread: a read
 * from a pipe blocks in the kernel, where a virtual thread cannot unmount. A virtual reader would
 * hold its carrier for the step's life and make the scheduler add a carrier in its place, and past
 * the scheduler's limit of carriers (256) every virtual thread of the host would wait for some
 * step's output (decision 60).
 *
 * <p>Thread-safe: {@link #terminateTree} may be called from any thread while another waits.
 */
public final class LocalProcess {
  /** Where output lines go, cut and decoded; called from the reader thread of each stream. */
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

  /**
   * Where masked output goes as it was read, not cut into lines: the engine's step log cuts it on
   * its writer's thread, so that reading and cutting use two cores; {@link #lines} cuts it here for
   * a sink that wants lines. Called from the reader thread of each stream.
   */
  @FunctionalInterface
  public interface OutputCapture {
    /**
     * Receives masked output as read; its bytes are valid only during the call.
     *
     * @param stderr whether it came from standard error
     * @param at when it was read
     * @param bytes holds it
     * @param from where it starts
     * @param length how many bytes it has
     */
    void output(boolean stderr, Instant at, byte[] bytes, int from, int length);

    /**
     * Marks the end of the output of one read of a stream: a sink that collects output may pass it
     * on now.
     *
     * @param stderr whether the read was from standard error
     */
    default void endOfRead(boolean stderr) {}

    /**
     * Marks the end of a stream; its last line may have had no terminator.
     *
     * @param stderr whether it was standard error
     */
    default void endOfStream(boolean stderr) {}

    /**
     * Output cut into lines ({@value #MAX_LINE} bytes at most, a longer line in pieces) and decoded
     * as UTF-8 (malformed bytes as U+FFFD) for a sink of lines.
     *
     * @param sink receives the lines
     * @return the capture that cuts them
     */
    static OutputCapture lines(OutputSink sink) {
      return new LineCutting(sink);
    }
  }

  /** Cuts each stream's output with a splitter of its own; each reader thread uses only its own. */
  private static final class LineCutting implements OutputCapture {
    private final Instant[] readAt = new Instant[2];
    private final LineSplitter[] splitters = new LineSplitter[2];

    LineCutting(OutputSink sink) {
      for (int index = 0; index < 2; index++) {
        int stream = index;
        splitters[index] =
            new LineSplitter(
                MAX_LINE,
                (bytes, from, length) ->
                    sink.line(
                        stream == 1,
                        readAt[stream],
                        new String(bytes, from, length, StandardCharsets.UTF_8)));
      }
    }

    @Override
    public void output(boolean stderr, Instant at, byte[] bytes, int from, int length) {
      readAt[stderr ? 1 : 0] = at;
      splitters[stderr ? 1 : 0].write(bytes, from, length);
    }

    @Override
    public void endOfStream(boolean stderr) {
      splitters[stderr ? 1 : 0].finish();
    }
  }

  /** The longest captured line, in bytes; a longer one is cut into pieces. */
  static final int MAX_LINE = 64 * 1024;

  private static final int FIRST_READ_BUFFER = 4 * 1024;
  private static final int READ_BUFFER = 128 * 1024;

  /** Each reader thread's read buffer. */
  private static final ThreadLocal<byte[]> READ_BUFFERS =
      ThreadLocal.withInitial(() -> new byte[FIRST_READ_BUFFER]);

  private static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(1);
  private static final Duration DRAIN_RECHECK = Duration.ofMillis(50);

  /** The environment variable that marks every process of a step's tree. */
  public static final String COOKIE = "CHENGIS_PROCESS_TREE";

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The JVM's environment, which a {@link ProcessBuilder}'s starts as; it cannot change while the
   * JVM runs.
   */
  private static final Map<String, String> JVM_ENVIRONMENT = Map.copyOf(System.getenv());

  /**
   * Runs the readers: daemon platform threads, made as needed and kept a minute when idle. They get
   * the default stack: a sink of lines may be a host's own code.
   */
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          Thread.ofPlatform().name("chengis-output-", 1).daemon().factory());

  private final Process process;
  private final String cookie;

  private final List<Reader> readers = new ArrayList<>(2);

  /** Numbers the reads of both streams, from 1. */
  private final AtomicLong reads = new AtomicLong();

  /**
   * Per stream (stdout, stderr): the number of the read whose lines the reader is handing on,
   * {@link #NUMBERING} while it numbers a new one, 0 while it waits for output.
   */
  private final AtomicLongArray handing = new AtomicLongArray(2);

  private static final long NUMBERING = Long.MAX_VALUE;

  /**
   * Reads numbered above this are dropped: set when the step is over but a background process still
   * holds the output open.
   */
  private volatile long cutoff = Long.MAX_VALUE;

  private LocalProcess(Process process, String cookie) {
    this.process = process;
    this.cookie = cookie;
  }

  /**
   * Starts {@code shell -c command}, or the command's program directly when the shell is a POSIX
   * {@code sh} and the command is one simple command it would run unchanged (see {@link
   * DirectCommand}).
   *
   * @param shell the shell program, e.g. {@code sh}
   * @param command the command text (never logged by this class)
   * @param directory the working directory
   * @param environment the environment of the process, whose {@code PWD} is replaced by one naming
   *     the directory (see {@link #workingDirectory}) and to which the tree's cookie is added
   * @param masker masks secrets before lines reach the sink
   * @param clock stamps lines
   * @param capture receives the masked output ({@link OutputCapture#lines} cuts it into lines)
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
      OutputCapture capture)
      throws IOException {
    // 63 random bits: an unsigned 64-bit value in base 36 would go through BigInteger.
    String cookie = Long.toString(RANDOM.nextLong() >>> 1, 36);
    Optional<DirectCommand> direct =
        DirectCommand.of(shell, command, environment, directory, ProcessHandle.current().pid());
    String pwd = workingDirectory(directory);
    Process process = null;
    if (direct.isPresent()) {
      try {
        process =
            start(direct.get().argv(), environment, direct.get()::export, directory, pwd, cookie);
      } catch (IOException refused) {
        // Found but not startable (a race, or a file the kernel will not run): the shell runs it
        // and reports the failure in its own words and exit code.
      }
    }
    if (process == null) {
      process =
          start(List.of(shell, "-c", command), environment, exported -> {}, directory, pwd, cookie);
    }
    LocalProcess started = new LocalProcess(process, cookie);
    Runnable stdout =
        started.reader(started.process.getInputStream(), false, masker, clock, capture);
    Runnable stderr =
        started.reader(started.process.getErrorStream(), true, masker, clock, capture);
    // One hand-off from the step's thread, which waits for the process next: the stdout reader
    // hands the stderr reader to a thread of its own before it reads.
    READERS.execute(
        () -> {
          try {
            READERS.execute(stderr);
          } finally {
            // Even when no thread could be made for stderr: the step then ends after the drain
            // allowance, with what stdout held.
            stdout.run();
          }
        });
    return started;
  }

  /**
   * Starts the program with the environment, which {@code exporting} may change (to what a shell
   * exports) before {@code PWD} and the cookie are added.
   */
  private static Process start(
      List<String> argv,
      Map<String, String> environment,
      Consumer<Map<String, String>> exporting,
      Path directory,
      String pwd,
      String cookie)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
    Map<String, String> started = builder.environment();
    // The builder's map starts as the JVM's environment, which holds most of a step's: only the
    // difference is applied, as the map encodes every name and value put into it.
    for (String name : JVM_ENVIRONMENT.keySet()) {
      if (!environment.containsKey(name)) {
        started.remove(name);
      }
    }
    environment.forEach(
        (name, value) -> {
          if (!value.equals(JVM_ENVIRONMENT.get(name))) {
            started.put(name, value);
          }
        });
    exporting.accept(started);
    started.put("PWD", pwd);
    started.put(COOKIE, cookie);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return builder.start();
  }

  /**
   * The {@code PWD} a process started in the directory gets: the directory as given, made absolute,
   * which a shell keeps since it names its working directory (a path through a symbolic link stays
   * as written, as after {@code cd}); its physical path when {@code .} or {@code ..} segments make
   * the written form ambiguous. Costs no system call in the usual case, where a step runs in its
   * workspace.
   */
  static String workingDirectory(Path directory) {
    Path absolute = directory.toAbsolutePath();
    if (absolute.normalize().equals(absolute)) {
      return absolute.toString();
    }
    try {
      return directory.toRealPath().toString();
    } catch (IOException unreadable) {
      return absolute.normalize().toString();
    }
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
    terminate(List.of(this), grace);
    process.waitFor();
    awaitReaders();
  }

  /**
   * Terminates the process trees of several steps at once (one scan of the process table): SIGTERM
   * to every process carrying one of their cookies or descending from them, then SIGKILL to
   * whatever is still alive after the grace period.
   *
   * @param steps the steps' processes, running or not
   * @param grace how long processes get to exit after SIGTERM
   * @throws InterruptedException when the calling thread is interrupted
   */
  public static void terminate(List<LocalProcess> steps, Duration grace)
      throws InterruptedException {
    terminate(steps, -1, grace);
  }

  /**
   * As {@link #terminate(List, Duration)}, for steps that all started after a moment.
   *
   * @param steps the steps' processes, running or not
   * @param since when the first of them was about to start, in clock ticks since boot (see {@link
   *     #bootTicks()}); processes started before cannot carry their cookies. -1 when unknown
   * @param grace how long processes get to exit after SIGTERM
   * @throws InterruptedException when the calling thread is interrupted
   */
  public static void terminate(List<LocalProcess> steps, long since, Duration grace)
      throws InterruptedException {
    Set<String> cookies = new java.util.HashSet<>();
    steps.forEach(step -> cookies.add(step.cookie));
    List<ProcessHandle> tree = members(steps, cookies, since);
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
    List<ProcessHandle> survivors = members(steps, cookies, since);
    survivors.addAll(tree);
    survivors.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Whether any process of these steps' trees is still alive, reading from the process table only
   * the processes whose ids were given out since a window opened before the first step started, and
   * not reading it at all when the host started nothing since but the steps' own processes, which
   * have all ended: none of them started anything that could be left behind.
   *
   * @param steps the steps' processes
   * @param since when the first of them was about to start, in clock ticks since boot (see {@link
   *     #bootTicks()}); -1 when unknown
   * @param window opened before the first step started ({@link PidWindow#EVERY} reads them all)
   * @return whether something is left to terminate
   */
  static boolean anyAlive(List<LocalProcess> steps, long since, PidWindow window) {
    PidWindow.Since started = window.since();
    if (started.startedOnly(steps.size())
        && steps.stream().noneMatch(step -> step.process.isAlive())) {
      return false;
    }
    Set<String> cookies = new java.util.HashSet<>();
    steps.forEach(step -> cookies.add(step.cookie));
    return !members(steps, cookies, since, started.pids()).isEmpty();
  }

  /**
   * A moment before now, in the clock ticks since boot in which {@code /proc} gives process start
   * times: a process started later has a start time at least this. Read from {@code /proc/uptime}
   * with Linux's fixed 100 ticks per second to user space, less a second for rounding (a larger
   * tick rate would only make it earlier, which is safe).
   *
   * @return the ticks, or -1 where {@code /proc/uptime} cannot be read
   */
  public static long bootTicks() {
    return ProcessTable.bootTicks();
  }

  /**
   * The living processes of the steps: their roots, descendants and cookie carriers, found in one
   * pass over the process table (a scan per step would read every process's status once per step).
   */
  private static List<ProcessHandle> members(
      List<LocalProcess> steps, Set<String> cookies, long since) {
    return members(steps, cookies, since, pid -> true);
  }

  /**
   * As {@link #members(List, Set, long)}, among the processes whose pids pass a test: every process
   * of the steps' trees started after the first step, so every one the test must admit.
   */
  private static List<ProcessHandle> members(
      List<LocalProcess> steps, Set<String> cookies, long since, LongPredicate candidates) {
    ProcessTable table = ProcessTable.read(candidates);
    if (!table.isReadable()) {
      return portableMembers(steps);
    }
    Set<Long> found = new java.util.LinkedHashSet<>();
    for (LocalProcess step : steps) {
      // Only a root still alive now was alive when the table was read, so the table's children of
      // its pid are its own. An ended root's pid may have been given to an unrelated process since;
      // its own descendants were re-parented and carry its cookie.
      if (step.process.isAlive()) {
        found.add(step.process.pid());
        found.addAll(table.descendants(step.process.pid()));
      }
    }
    // A process that started before the steps did cannot carry their cookies: its environment
    // need not be read.
    long self = ProcessHandle.current().pid();
    for (long pid : table.pids()) {
      if (pid != self
          && !found.contains(pid)
          && (table.startOf(pid) < 0 || table.startOf(pid) >= since)
          && carriesCookie(pid, cookies)) {
        found.add(pid);
      }
    }
    List<ProcessHandle> handles = new ArrayList<>(found.size());
    for (long pid : found) {
      ProcessHandle.of(pid).ifPresent(handles::add);
    }
    return handles;
  }

  /** Without {@code /proc}: the roots and their descendants, through {@link ProcessHandle}. */
  private static List<ProcessHandle> portableMembers(List<LocalProcess> steps) {
    Map<Long, ProcessHandle> found = new java.util.LinkedHashMap<>();
    for (LocalProcess step : steps) {
      ProcessHandle root = step.process.toHandle();
      if (root.isAlive()) {
        found.put(root.pid(), root);
      }
      root.descendants().forEach(handle -> found.put(handle.pid(), handle));
    }
    return new ArrayList<>(found.values());
  }

  /** Whether the process's environment holds one of the cookies (unreadable means no). */
  private static boolean carriesCookie(long pid, Set<String> cookies) {
    byte[] environ = ProcessTable.read(pid, "environ");
    byte[] prefix = (COOKIE + "=").getBytes(StandardCharsets.US_ASCII);
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        if (startsWith(environ, start, i, prefix)) {
          String value =
              new String(
                  environ,
                  start + prefix.length,
                  i - start - prefix.length,
                  StandardCharsets.UTF_8);
          if (cookies.contains(value)) {
            return true;
          }
        }
        start = i + 1;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
    if (to - from < prefix.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (bytes[from + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  /** Registers a reader of one stream and returns what runs it, on a thread of {@link #READERS}. */
  private Runnable reader(
      InputStream stream,
      boolean stderr,
      SecretMasker masker,
      InstantSource clock,
      OutputCapture capture) {
    int index = stderr ? 1 : 0;
    Reader reader = new Reader();
    readers.add(reader);
    return () -> {
      try {
        pump(
            stream,
            masker,
            clock,
            new StreamSink() {
              private long read;

              @Override
              public void beginRead() {
                handing.set(index, NUMBERING);
                read = reads.incrementAndGet();
                handing.set(index, read);
              }

              @Override
              public void output(Instant at, byte[] bytes, int from, int length) {
                if (read <= cutoff) {
                  capture.output(stderr, at, bytes, from, length);
                }
              }

              @Override
              public void endOfStream() {
                if (read <= cutoff) {
                  capture.endOfStream(stderr);
                }
              }

              @Override
              public void endOfRead() {
                if (read <= cutoff) {
                  capture.endOfRead(stderr);
                }
                handing.set(index, 0);
              }
            });
      } finally {
        reader.done.countDown();
      }
    };
  }

  /** One stream's reader, as the step's thread sees it: running or done. */
  private static final class Reader {
    private final CountDownLatch done = new CountDownLatch(1);

    /** Waits at most the limit for the reader to finish; returns whether it has. */
    boolean join(Duration limit) throws InterruptedException {
      return done.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean isAlive() {
      return done.getCount() > 0;
    }
  }

  /** Receives the masked output of one stream. */
  private interface StreamSink {
    /** A read returned output; it follows. */
    void beginRead();

    void output(Instant at, byte[] bytes, int from, int length);

    /** The stream has ended (within the last read's bracket). */
    void endOfStream();

    /** The output of the read has all been passed on. */
    void endOfRead();
  }

  private static void pump(
      InputStream stream, SecretMasker masker, InstantSource clock, StreamSink sink) {
    SecretMasker.ByteStream masking = masker.bytes();
    Instant[] readAt = {clock.instant()};
    SecretMasker.Output masked =
        (bytes, from, length) -> sink.output(readAt[0], bytes, from, length);
    // A small buffer first: most steps print little, and every step has two streams. A stream
    // that fills its buffer gets one as large as a pipe holds. The reader thread keeps its buffer
    // for the next stream it reads: a sink gets the bytes only for the length of a call.
    byte[] buffer = READ_BUFFERS.get();
    try (stream) {
      int read;
      while ((read = stream.read(buffer, 0, buffer.length)) >= 0) {
        sink.beginRead();
        readAt[0] = clock.instant();
        masking.feed(buffer, 0, read, masked);
        sink.endOfRead();
        if (read == buffer.length && buffer.length < READ_BUFFER) {
          buffer = new byte[READ_BUFFER];
          READ_BUFFERS.set(buffer);
        }
      }
    } catch (IOException closed) {
      // The stream was closed because the process tree was killed; what was read is kept.
    }
    sink.beginRead();
    masking.flush(masked);
    sink.endOfStream();
    sink.endOfRead();
  }

  /**
   * Waits a short while for the output to drain. A background process the step started may keep the
   * pipes open long after the step's shell exited: then the readers are detached (their later
   * output is dropped) instead of holding the step open for the background process's lifetime.
   */
  private void awaitReaders() throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_AFTER_EXIT.toNanos();
    for (Reader reader : readers) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !reader.join(Duration.ofNanos(left))) {
        detach();
        return;
      }
    }
  }

  /**
   * Drops output read from now on, but first lets the readers hand on what they have read: a slow
   * log store may hold that up, and it was printed before the step ended.
   */
  private void detach() throws InterruptedException {
    long last = reads.get();
    cutoff = last;
    for (int index = 0; index < readers.size(); index++) {
      long read;
      while (readers.get(index).isAlive()
          && ((read = handing.get(index)) == NUMBERING || (read > 0 && read <= last))) {
        readers.get(index).join(DRAIN_RECHECK);
      }
    }
    closeQuietly(process.getInputStream());
    closeQuietly(process.getErrorStream());
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException ignored) {
      // Closing only unblocks the reader; nothing else depends on it.
    }
  }
}
