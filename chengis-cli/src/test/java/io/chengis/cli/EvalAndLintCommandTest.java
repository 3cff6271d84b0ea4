package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalAndLintCommandTest {
  @TempDir Path dir;

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome chengis(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void eval_looseEquality_printsTheValue() {
    Outcome eval = chengis("eval", "1 == '1'");

    assertThat(eval.exitCode()).isZero();
    assertThat(eval.out().strip()).isEqualTo("true");
  }

  @Test
  void eval_withContextFileAndJson_printsKindAndValue() throws Exception {
    Path context = dir.resolve("context.json");
    Files.writeString(context, "{\"matrix\": {\"os\": \"linux\"}, \"env\": {\"N\": \"3\"}}");

    Outcome eval =
        chengis(
            "eval",
            "--context",
            context.toString(),
            "--json",
            "format('{0}-{1}', matrix.os, env.N)");

    assertThat(eval.exitCode()).isZero();
    assertThat(eval.out().strip()).isEqualTo("{\"kind\": \"String\", \"value\": \"linux-3\"}");
  }

  @Test
  void eval_brokenExpression_printsTheErrorWithItsPositionAndExitsOne() {
    Outcome eval = chengis("eval", "--json", "1 ==");

    assertThat(eval.exitCode()).isEqualTo(1);
    assertThat(eval.out())
        .startsWith("{\"error\": {\"kind\": \"parsing\", \"message\": ")
        .contains("\"position\": ");
  }

  @Test
  void lint_validFile_reportsNoProblems() throws Exception {
    Path file = dir.resolve("ok.chengis.yml");
    Files.writeString(
        file,
        "name: ok\nstages:\n  - name: Build\n    steps:\n      - name: Compile\n        run: make\n");

    Outcome lint = chengis("lint", file.toString());

    assertThat(lint.exitCode()).isZero();
    assertThat(lint.out()).contains("no problems in 1 file");
  }

  @Test
  void lint_problemsInSeveralFiles_areAllReportedWithTheirPlaces() throws Exception {
    Path typo = dir.resolve("typo.chengis.yml");
    Files.writeString(typo, "name: typo\nstages:\n  - name: Build\n    stpes: []\n");
    Path badIf = dir.resolve("bad-if.chengis.yml");
    Files.writeString(
        badIf,
        "name: bad-if\nstages:\n  - name: Build\n    steps:\n      - name: Compile\n"
            + "        run: make\n        if: github.ref ==\n");

    Outcome lint = chengis("lint", typo.toString(), badIf.toString());

    assertThat(lint.exitCode()).isEqualTo(1);
    assertThat(lint.out())
        .contains("typo.chengis.yml:4:5")
        .contains("bad-if.chengis.yml:5:")
        .contains("condition does not parse")
        .contains("2 problems");
  }

  @Test
  void lint_json_printsOneObjectPerProblem() throws Exception {
    Path typo = dir.resolve("typo.chengis.yml");
    Files.writeString(typo, "name: typo\nstages:\n  - name: Build\n    stpes: []\n");

    Outcome lint = chengis("lint", "--json", typo.toString());

    assertThat(lint.exitCode()).isEqualTo(1);
    assertThat(lint.out().strip().lines())
        .singleElement()
        .asString()
        .startsWith("{\"file\": ")
        .contains("\"line\": 4, \"column\": 5");
  }
}
