package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.cli.fixtures.SecretPipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chengis secrets} end to end: stdin in, encrypted at rest, masked in logs, audited. */
class SecretsCommandTest {
  private static final String TOKEN = "tok-3f9a7c-e2";

  @TempDir Path dir;

  private record Outcome(int exitCode, String out, String err) {}

  private Path database() {
    return dir.resolve("chengis.db");
  }

  private Outcome chengis(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", database().toString()));
    if (all.getFirst().equals("run")) {
      all.addAll(List.of("--workspace", dir.resolve("work").toString(), "-v"));
    }
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Outcome(code, out.toString(), err.toString());
  }

  /** {@code secrets set} in a child JVM, so its standard input can carry the value. */
  private Outcome setFromStdin(String name, String stdin) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder child =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "secrets",
            "set",
            name,
            "--db",
            database().toString());
    child.environment().put("CHENGIS_HOME", System.getProperty("chengis.home"));
    child.environment().remove("CHENGIS_MASTER_KEY");
    Path output = dir.resolve("set-output.txt");
    child.redirectErrorStream(true).redirectOutput(output.toFile());
    Process process = child.start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    int code = process.waitFor();
    return new Outcome(code, Files.readString(output), "");
  }

  @Test
  void set_thenRun_stepGetsTheValueMaskedAndTheDatabaseHoldsNoClearText() throws Exception {
    Outcome set = setFromStdin("DEPLOY_TOKEN", TOKEN + "\n");
    Outcome run = chengis("run", "--class", SecretPipeline.class.getName());
    Outcome logs = chengis("logs", "secretive#1");

    assertThat(set.exitCode()).as(set.out()).isZero();
    assertThat(set.out()).contains("stored secret DEPLOY_TOKEN (organization default)");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(logs.out()).contains("token is ***").doesNotContain(TOKEN);
    assertThat(run.out()).doesNotContain(TOKEN);
    byte[] stored = Files.readAllBytes(database());
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
    Path wal = Path.of(database() + "-wal");
    if (Files.exists(wal)) {
      assertThat(Files.readString(wal, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
    }
  }

  @Test
  void set_emptyInput_isRefusedWithHowToPipeIt() throws Exception {
    Outcome set = setFromStdin("EMPTY", "");

    assertThat(set.exitCode()).isEqualTo(2);
    assertThat(set.out()).contains("the value of EMPTY is empty").contains("chengis secrets set");
  }

  @Test
  void listAndDelete_afterSet_showNamesOnlyAndAuditEveryChange() throws Exception {
    setFromStdin("DEPLOY_TOKEN", TOKEN);

    Outcome listed = chengis("secrets", "list");
    Outcome deleted = chengis("secrets", "delete", "DEPLOY_TOKEN");
    Outcome again = chengis("secrets", "delete", "DEPLOY_TOKEN");
    Outcome audit = chengis("audit", "export");

    assertThat(listed.out().strip()).isEqualTo("DEPLOY_TOKEN");
    assertThat(deleted.exitCode()).isZero();
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("no secret DEPLOY_TOKEN in organization default");
    assertThat(chengis("secrets", "list").out()).isEmpty();
    assertThat(audit.out())
        .contains("\"action\":\"secret.set\"")
        .contains("\"action\":\"secret.delete\"")
        .doesNotContain(TOKEN);
  }
}
