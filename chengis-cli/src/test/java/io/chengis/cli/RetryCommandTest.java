package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.cli.fixtures.FlakyPipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chengis retry} on the stored definition of the job. */
class RetryCommandTest {
  @TempDir Path dir;

  private record Outcome(int exitCode, String out, String err) {}

  private Outcome chengis(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", dir.resolve("chengis.db").toString()));
    if (all.getFirst().equals("run") || all.getFirst().equals("retry")) {
      all.addAll(List.of("--workspace", dir.resolve("work").toString()));
    }
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void retry_failedBuild_runsANewLinkedBuildWithTheSameParameters() throws Exception {
    Outcome first =
        chengis("run", "--class", FlakyPipeline.class.getName(), "--param", "dir=" + dir);
    Files.writeString(dir.resolve("fixed"), "yes");

    Outcome retry = chengis("retry", "flaky#1");

    assertThat(first.exitCode()).isEqualTo(1);
    assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
    assertThat(retry.out()).contains("SUCCESS flaky #2");
    assertThat(chengis("show", "flaky#2").out()).contains("attempt 2").contains("retry of ");
    assertThat(Files.readAllLines(dir.resolve("prepared"))).hasSize(2);
  }

  @Test
  void retry_fromFailed_keepsTheStagesThatPassedInsteadOfRunningThemAgain() throws Exception {
    chengis("run", "--class", FlakyPipeline.class.getName(), "--param", "dir=" + dir);
    Files.writeString(dir.resolve("fixed"), "yes");

    Outcome retry = chengis("retry", "flaky#1", "--from-failed");

    assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("prepared"))).hasSize(1);
    assertThat(chengis("audit", "export").out()).contains("\"action\":\"build.retry\"");
  }

  @Test
  void retry_unknownBuild_saysHowToNameOne() {
    Outcome retry = chengis("retry", "flaky#9");

    assertThat(retry.exitCode()).isEqualTo(2);
    assertThat(retry.err()).contains("build flaky#9 is not in");
  }
}
