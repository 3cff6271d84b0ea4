package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.cli.fixtures.PassingPipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chengis audit verify|export}, {@code backup} and {@code restore} on a SQLite file. */
class AuditAndBackupTest {
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
      all.addAll(List.of("--workspace", dir.resolve("work").toString()));
    }
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Outcome(code, out.toString(), err.toString());
  }

  private void runTwice() {
    chengis("run", "--class", PassingPipeline.class.getName());
    chengis("run", "--class", PassingPipeline.class.getName());
  }

  @Test
  void auditVerify_untouchedLog_isIntact() {
    runTwice();

    Outcome verify = chengis("audit", "verify");

    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out()).contains("audit log of default is intact: 2 records checked");
  }

  @Test
  void auditVerify_rowChangedInTheDatabase_namesTheFirstTamperedRecord() throws Exception {
    runTwice();
    chengis("run", "--class", PassingPipeline.class.getName());
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database());
        Statement statement = connection.createStatement()) {
      statement.execute("update chengis_audit_log set actor = 'mallory' where seq = 2");
    }

    Outcome verify = chengis("audit", "verify");

    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.err())
        .contains("is tampered: record 2 (build.trigger by mallory at ")
        .contains("hash does not match");
  }

  @Test
  void auditExport_jsonLines_oneParsableObjectPerRecordInOrder() throws Exception {
    runTwice();

    Outcome export = chengis("audit", "export", "--format", "jsonl");

    List<String> lines = export.out().lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("sequence").asLong()).isEqualTo(1);
    assertThat(first.get("action").asText()).isEqualTo("build.trigger");
    assertThat(first.get("target").asText()).isEqualTo("passing#1");
    assertThat(first.get("hash").asText()).matches("[0-9a-f]{64}");
    assertThat(json.readTree(lines.get(1)).get("target").asText()).isEqualTo("passing#2");
  }

  @Test
  void auditExport_csvToAFile_hasAHeaderAndARowPerRecord() throws Exception {
    runTwice();
    Path file = dir.resolve("audit.csv");

    Outcome export = chengis("audit", "export", "--format", "csv", "--output", file.toString());

    assertThat(export.exitCode()).isZero();
    List<String> rows = Files.readAllLines(file);
    assertThat(rows.getFirst())
        .isEqualTo("sequence,timestamp,organization,actor,action,target,details,hash");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(2)).startsWith("2,").contains(",build.trigger,passing#2,build=");
  }

  @Test
  void backupThenRestore_bringsBackTheBuildsOfTheBackup() {
    runTwice();
    Path backup = dir.resolve("backup.db");

    Outcome backedUp = chengis("backup", backup.toString());
    chengis("run", "--class", PassingPipeline.class.getName());
    Outcome restored = chengis("restore", backup.toString());
    Outcome builds = chengis("builds", "passing");

    assertThat(backedUp.exitCode()).isZero();
    assertThat(restored.exitCode()).isZero();
    assertThat(builds.out().lines().toList()).hasSize(2);
  }

  @Test
  void backup_ontoAnExistingFile_isRefusedWithTheFix() throws Exception {
    runTwice();
    Path existing = Files.writeString(dir.resolve("taken.db"), "keep");

    Outcome backup = chengis("backup", existing.toString());

    assertThat(backup.exitCode()).isEqualTo(2);
    assertThat(backup.err()).contains("the target exists").contains("choose a new file name");
    assertThat(Files.readString(existing)).isEqualTo("keep");
  }
}
