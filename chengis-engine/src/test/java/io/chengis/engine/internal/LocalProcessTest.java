package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessTest {
  @TempDir Path workspace;

  // Not a copy-on-write list: a test prints 40,000 lines, and copying the list per line would make
  // the reader fall behind the process by more than the drain allowance after it exits.
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final SecretMasker masker = new SecretMasker();

  private LocalProcess start(String command) throws Exception {
    return LocalProcess.start(
        "sh",
        command,
        workspace,
        Map.of("PATH", System.getenv("PATH"), "GREETING", "hello"),
        masker,
        InstantSource.system(),
        LocalProcess.OutputCapture.lines(
            (stderr, at, text) -> lines.add((stderr ? "err: " : "out: ") + text)));
  }

  @Test
  void start_commandWithOutput_capturesBothStreamsLineByLineAndExitCode() throws Exception {
    LocalProcess process = start("echo $GREETING; echo oops >&2; printf 'a\\r\\nb'; exit 3");

    assertThat(process.waitFor(Duration.ofSeconds(30))).contains(3);
    assertThat(lines).containsExactlyInAnyOrder("out: hello", "err: oops", "out: a", "out: b");
    assertThat(lines.indexOf("out: a")).isLessThan(lines.indexOf("out: b"));
  }

  @Test
  void start_runsInTheGivenDirectoryWithOnlyTheGivenEnvironment() throws Exception {
    LocalProcess process = start("pwd; echo \"home=${HOME:-unset}\"");

    assertThat(process.waitFor(Duration.ofSeconds(30))).contains(0);
    assertThat(lines).containsExactly("out: " + workspace.toRealPath(), "out: home=unset");
  }

  /**
   * The process starts from the JVM's environment and gets only the difference applied: a variable
   * of the JVM's that the step lacks must still be gone, and one the step changes must differ.
   */
  @Test
  void start_programStartedDirectly_getsExactlyTheGivenEnvironment() throws Exception {
    Map<String, String> jvm = System.getenv();
    String changed =
        jvm.keySet().stream()
            .filter(name -> !name.equals("PATH") && name.matches("[A-Za-z_][A-Za-z0-9_]*"))
            .findFirst()
            .orElseThrow();
    Map<String, String> given = new LinkedHashMap<>();
    given.put("PATH", jvm.get("PATH"));
    given.put(changed, "changed-by-the-step");
    given.put("CHENGIS_TEST_ADDED", "added");

    LocalProcess process =
        LocalProcess.start(
            "sh",
            "env",
            workspace,
            given,
            masker,
            InstantSource.system(),
            LocalProcess.OutputCapture.lines((stderr, at, text) -> lines.add(text)));

    assertThat(process.waitFor(Duration.ofSeconds(30))).contains(0);
    List<String> expected = new ArrayList<>();
    given.forEach((name, value) -> expected.add(name + "=" + value));
    expected.add("PWD=" + workspace.toAbsolutePath());
    assertThat(lines)
        .filteredOn(line -> !line.startsWith(LocalProcess.COOKIE + "="))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(lines).filteredOn(line -> line.startsWith(LocalProcess.COOKIE + "=")).hasSize(1);
  }

  /**
   * Steps waiting quietly must not starve the host's virtual threads. A read from a pipe cannot
   * unmount a virtual thread: virtual readers would pin a carrier each, and past the scheduler's
   * 256 carriers nothing virtual would run until some step printed or ended.
   */
  @Test
  void start_manyQuietProcesses_leaveVirtualThreadsFreeToRun() throws Exception {
    List<LocalProcess> quiet = new ArrayList<>();
    try {
      for (int i = 0; i < 140; i++) { // 280 streams waiting, more than 256 carriers
        quiet.add(start("sleep 120"));
      }
      CountDownLatch ran = new CountDownLatch(1);
      Thread.ofVirtual().start(ran::countDown);

      assertThat(ran.await(20, TimeUnit.SECONDS)).as("a virtual thread ran").isTrue();
    } finally {
      LocalProcess.terminate(quiet, Duration.ofSeconds(5));
    }
  }

  @Test
  void start_secretInOutput_isMaskedBeforeTheSink() throws Exception {
    masker.register("s3cr3t-v4lue");
    LocalProcess process =
        start(
            "echo token=s3cr3t-v4lue; printf 's3cr3t-'; printf 'v4lue\\n'; printf 'end s3cr3t-v4'");

    assertThat(process.waitFor(Duration.ofSeconds(30))).contains(0);
    assertThat(lines).containsExactly("out: token=***", "out: ***", "out: end s3cr3t-v4");
  }

  /**
   * Megabytes of multi-byte output with secrets in it: reads end anywhere, also inside a character
   * or a secret, and every line still comes out whole, decoded and masked.
   */
  @Test
  void start_oneProcessAfterAnother_eachGetsOnlyItsOwnOutput() throws Exception {
    // Reader threads keep their read buffers for the next process: a long line that filled them
    // must not reach the next process's lines, on either stream.
    for (int round = 0; round < 20; round++) {
      lines.clear();
      String longLine = String.valueOf((char) ('a' + round % 26)).repeat(9000);
      LocalProcess loud = start("printf '" + longLine + "\\n'; printf '" + longLine + "' >&2");
      assertThat(loud.waitFor(Duration.ofSeconds(30))).contains(0);
      assertThat(lines).containsExactlyInAnyOrder("out: " + longLine, "err: " + longLine);

      lines.clear();
      LocalProcess quiet = start("echo short; echo x >&2");
      assertThat(quiet.waitFor(Duration.ofSeconds(30))).contains(0);
      assertThat(lines).containsExactlyInAnyOrder("out: short", "err: x");
    }
  }

  @Test
  void start_largeUtf8OutputWithSecrets_everyLineWholeAndMasked() throws Exception {
    masker.register("s3cr3t-\u00e9\u20ac-v4lue");
    List<String> expected = new ArrayList<>();
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      String tail =
          i % 97 == 0 ? " token=s3cr3t-\u00e9\u20ac-v4lue!" : " \u4e2d\u6587 \uD83D\uDE00";
      file.append(i).append(" caf\u00e9 \u20ac").append(tail).append(i % 3 == 0 ? "\r\n" : "\n");
      expected.add(
          "out: " + i + " caf\u00e9 \u20ac" + tail.replace("s3cr3t-\u00e9\u20ac-v4lue", "***"));
    }
    Files.writeString(workspace.resolve("out.txt"), file, StandardCharsets.UTF_8);

    LocalProcess process = start("cat out.txt");

    assertThat(process.waitFor(Duration.ofSeconds(60))).contains(0);
    assertThat(lines).isEqualTo(expected);
  }

  @Test
  void terminateTree_killsBackgroundAndReparentedGrandchildren() throws Exception {
    LocalProcess process =
        start(
            "sleep 300 & echo $! > bg.pid; (sleep 300 & echo $! > orphan.pid) ;"
                + " sh -c 'trap \"\" TERM; echo $$ > stubborn.pid; while :; do sleep 1; done' &"
                + " sleep 300");
    awaitFile("bg.pid");
    awaitFile("orphan.pid");
    awaitFile("stubborn.pid");
    List<ProcessHandle> grandchildren =
        List.of(handle("bg.pid"), handle("orphan.pid"), handle("stubborn.pid"));

    process.terminateTree(Duration.ofMillis(500));

    for (ProcessHandle grandchild : grandchildren) {
      grandchild.onExit().get(10, TimeUnit.SECONDS);
      assertThat(grandchild.isAlive()).as("pid %d", grandchild.pid()).isFalse();
    }
  }

  @Test
  void waitFor_backgroundChildHoldingThePipe_returnsWithoutWaitingForIt() throws Exception {
    LocalProcess process = start("sleep 300 & echo $! > bg.pid; echo started");

    Optional<Integer> exit = process.waitFor(Duration.ofSeconds(20));

    assertThat(exit).contains(0);
    assertThat(lines).containsExactly("out: started");
    ProcessHandle background = handle("bg.pid");
    assertThat(background.isAlive())
        .as("the step returned while its background child runs")
        .isTrue();
    process.terminateTree(Duration.ofMillis(100));
    background.onExit().get(10, TimeUnit.SECONDS);
  }

  /**
   * Output read before the step ended is passed on even when the sink (a slow log store) takes
   * longer than the drain allowance after the process exited.
   */
  @Test
  void waitFor_sinkSlowerThanTheDrainAllowance_stillPassesOnWhatWasRead() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LocalProcess process =
        LocalProcess.start(
            "sh",
            "printf 'first\\nsecond\\n'",
            workspace,
            Map.of("PATH", System.getenv("PATH")),
            masker,
            InstantSource.system(),
            LocalProcess.OutputCapture.lines(
                (stderr, at, text) -> {
                  if (text.equals("first")) {
                    try {
                      release.await();
                    } catch (InterruptedException interrupted) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  lines.add(text);
                }));
    CompletableFuture<Optional<Integer>> exit = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                exit.complete(process.waitFor(Duration.ofSeconds(30)));
              } catch (InterruptedException interrupted) {
                exit.completeExceptionally(interrupted);
              }
            });

    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !exit.isDone());
    release.countDown();

    assertThat(exit.get(30, TimeUnit.SECONDS)).contains(0);
    assertThat(lines).containsExactly("first", "second");
  }

  @Test
  void waitFor_limitPasses_returnsEmptyAndLeavesTheProcessRunning() throws Exception {
    LocalProcess process = start("sleep 30");

    assertThat(process.waitFor(Duration.ofMillis(50))).isEmpty();
    assertThat(ProcessHandle.of(process.pid())).isPresent();
    process.terminateTree(Duration.ofMillis(100));
    assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive))
        .isNotEqualTo(Optional.of(true));
  }

  private void awaitFile(String name) {
    Path file = workspace.resolve(name);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(file) && !Files.readString(file).isBlank());
  }

  private ProcessHandle handle(String pidFile) throws Exception {
    long pid = Long.parseLong(Files.readString(workspace.resolve(pidFile)).strip());
    return ProcessHandle.of(pid).orElseThrow();
  }
}
