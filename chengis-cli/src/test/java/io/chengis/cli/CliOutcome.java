package io.chengis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What one in-process {@code chengis} command printed and returned. */
record CliOutcome(int exitCode, String out, String err) {
  /** Runs a command; {@code run} gets {@code --db} in {@code temp} so no test shares a database. */
  static CliOutcome of(Path temp, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    if (all.getFirst().equals("run")) {
      all.addAll(List.of("--db", temp.resolve("chengis.db").toString()));
    }
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new CliOutcome(code, out.toString(), err.toString());
  }

  /** Runs any command on this database (every command given here accepts {@code --db}). */
  static CliOutcome onDatabase(Path database, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", database.toString()));
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new CliOutcome(code, out.toString(), err.toString());
  }

  /**
   * Starts {@code chengis run --class PIPELINE} in a child JVM on this database, with workspaces in
   * {@code dir/work} and its output in {@code dir/child.txt}.
   */
  static Process runInChild(
      Path dir, Path database, Map<String, String> env, String pipelineClass, String... extra)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--class",
                pipelineClass,
                "--workspace",
                dir.resolve("work").toString(),
                "--db",
                database.toString()));
    command.addAll(List.of(extra));
    ProcessBuilder child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.txt").toFile());
    child.environment().putAll(env);
    return child.start();
  }
}
