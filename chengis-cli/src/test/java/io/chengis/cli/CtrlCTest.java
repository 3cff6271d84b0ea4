package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chengis.cli.fixtures.SlowPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on a real {@code chengis run} process: the build is cancelled cleanly, exit code 130. */
@EnabledOnOs({OS.LINUX, OS.MAC}) // POSIX signals
class CtrlCTest {
  @TempDir Path dir;

  @Test
  void sigint_duringAStep_cancelsTheBuildRunsPostActionsAndExits130() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = dir.resolve("output.txt");
    Process cli =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "run",
                    "--class",
                    SlowPipeline.class.getName(),
                    "--param",
                    "dir=" + dir,
                    "--workspace",
                    dir.resolve("work").toString(),
                    "--db",
                    dir.resolve("chengis.db").toString()))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("started")));
      long stepPid = pid("step.pid");
      long sleepPid = pid("sleep.pid");

      new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();

      assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as("the CLI ended").isTrue();
      String printed = Files.readString(output);
      assertThat(cli.exitValue()).as(printed).isEqualTo(130);
      assertThat(dir.resolve("post-always")).exists();
      assertThat(dir.resolve("post-cancel")).exists();
      assertThat(printed)
          .contains("[Wait] Sleep ... cancelled: build cancelled: interrupted (Ctrl-C)")
          .contains("CANCELLED slow #1")
          .doesNotContain("\tat ");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(alive(stepPid)).as("the step's shell").isFalse();
                assertThat(alive(sleepPid)).as("the step's child").isFalse();
              });
    } finally {
      cli.destroyForcibly();
    }
  }

  private long pid(String file) throws IOException {
    Path path = dir.resolve(file);
    await().atMost(Duration.ofSeconds(10)).until(() -> !Files.readString(path).isBlank());
    return Long.parseLong(Files.readString(path).strip());
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
