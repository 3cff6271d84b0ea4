package io.chengis.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
