package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.cli.fixtures.FailingPipeline;
import io.chengis.cli.fixtures.PassingPipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chengis builds}, {@code show} and {@code logs} on the database {@code run} left. */
class StoredBuildsTest {
  @TempDir Path dir;

  private record Outcome(int exitCode, String out, String err) {}

  private Outcome chengis(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", dir.resolve("chengis.db").toString()));
    if (all.getFirst().equals("run")) {
      all.addAll(List.of("--workspace", dir.resolve("work").toString()));
    }
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void builds_afterTwoRuns_listsBothNewestFirstWithTheirConclusions() {
    chengis("run", "--class", PassingPipeline.class.getName());
    chengis("run", "--class", PassingPipeline.class.getName());
    chengis("run", "--class", FailingPipeline.class.getName());

    Outcome all = chengis("builds");
    Outcome passing = chengis("builds", "passing");

    assertThat(all.exitCode()).isZero();
    assertThat(all.out().lines().toList())
        .hasSize(3)
        .satisfies(lines -> assertThat(lines.get(0)).startsWith("failing #1").contains("FAILURE"))
        .satisfies(lines -> assertThat(lines.get(1)).startsWith("passing #2").contains("SUCCESS"))
        .satisfies(lines -> assertThat(lines.get(2)).startsWith("passing #1").contains("SUCCESS"));
    assertThat(passing.out().lines().toList()).hasSize(2);
  }

  @Test
  void builds_pageSmallerThanTheJob_printsTheCursorThatGetsTheRest() {
    for (int i = 0; i < 3; i++) {
      chengis("run", "--class", PassingPipeline.class.getName());
    }

    Outcome first = chengis("builds", "passing", "--limit", "2");
    String cursor =
        first.out().lines().filter(l -> l.startsWith("more: ")).findFirst().orElseThrow();
    Outcome rest =
        chengis(
            "builds",
            "passing",
            "--limit",
            "2",
            "--cursor",
            cursor.substring(cursor.lastIndexOf(' ') + 1));

    assertThat(first.out())
        .contains("passing #3")
        .contains("passing #2")
        .doesNotContain("passing #1 ");
    assertThat(rest.out()).contains("passing #1").doesNotContain("more: ");
  }

  @Test
  void show_failedBuild_printsStagesStepsAndReasons() {
    chengis("run", "--class", FailingPipeline.class.getName());

    Outcome show = chengis("show", "failing#1");

    assertThat(show.exitCode()).isZero();
    assertThat(show.out())
        .contains("failing #1")
        .contains("conclusion: FAILURE")
        .contains("Compile  FAILURE (exit 4)")
        .contains("Deploy  SKIPPED")
        .contains("stage \"Build\" failed");
  }

  @Test
  void show_buildWithArtifacts_listsPathSizeAndHash() throws Exception {
    Path file =
        java.nio.file.Files.writeString(
            dir.resolve("app.chengis.yml"),
            """
            name: app
            stages:
              - name: build
                steps:
                  - name: make
                    run: mkdir -p out && printf 'hello' > out/app.txt
            artifacts: [out/*.txt]
            """);

    Outcome run = chengis("run", file.toString());
    Outcome show = chengis("show", "app#1");

    assertThat(run.exitCode()).isZero();
    assertThat(show.out())
        .contains("artifacts:")
        // SHA-256 of "hello"
        .contains("  out/app.txt  5 B  sha256 2cf24dba5fb0");
  }

  @Test
  void show_allowedFailure_saysItWasAllowed() {
    chengis("run", "--class", PassingPipeline.class.getName());

    Outcome show = chengis("show", "passing#1");

    assertThat(show.out()).contains("Flaky  FAILURE (allowed, concluded SUCCESS) (exit 5)");
  }

  @Test
  void show_unknownBuild_failsWithTheWayToNameOne() {
    Outcome show = chengis("show", "nothing#7");

    assertThat(show.exitCode()).isEqualTo(2);
    assertThat(show.err())
        .contains("build nothing#7 is not in")
        .contains("name it by id or as JOB#NUMBER, and list builds with chengis builds");
  }

  @Test
  void logs_storedBuild_printsEachStepsOutputWithItsPlace() {
    chengis("run", "--class", PassingPipeline.class.getName());

    Outcome logs = chengis("logs", "passing#1");
    Outcome oneStep = chengis("logs", "passing#1", "--step", "Compile");

    assertThat(logs.exitCode()).isZero();
    assertThat(logs.out()).contains("[Build › Compile] ");
    assertThat(oneStep.out().lines()).allMatch(line -> line.startsWith("[Build › Compile]"));
  }
}
