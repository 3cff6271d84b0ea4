package io.chengis.engine.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the file a step wrote through {@code $CHENGIS_OUTPUT}: {@code key=value} lines and
 * multi-line values written as {@code key<<DELIMITER}, the lines, then {@code DELIMITER} alone on a
 * line (GitHub Actions' format). Blank lines are ignored; a later key replaces an earlier one.
 */
public final class StepOutputs {
  private StepOutputs() {}

  /** The outputs could not be read; the message is in the house shape. */
  public static final class OutputException extends Exception {
    private static final long serialVersionUID = 1L;

    OutputException(String message) {
      super(message);
    }
  }

  /**
   * Parses the output file.
   *
   * @param file the file named by {@code $CHENGIS_OUTPUT}; missing means no outputs
   * @param budget the largest file size allowed, in bytes
   * @return the outputs in the order written
   * @throws OutputException when the file is too large or malformed
   * @throws IOException when the file cannot be read
   */
  public static Map<String, String> read(Path file, long budget)
      throws OutputException, IOException {
    Map<String, String> outputs = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return outputs;
    }
    long size = Files.size(file);
    if (size > budget) {
      throw new OutputException(
          "outputs are larger than the budget of "
              + budget
              + " bytes (was "
              + size
              + " bytes); write large data to a file in the workspace and output its path");
    }
    String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int heredoc = line.indexOf("<<");
      int equals = line.indexOf('=');
      if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
        String key = line.substring(0, heredoc);
        String delimiter = line.substring(heredoc + 2);
        StringBuilder value = new StringBuilder();
        int start = i + 1;
        int end = start;
        while (end < lines.length && !lines[end].equals(delimiter)) {
          end++;
        }
        if (end >= lines.length || delimiter.isEmpty()) {
          throw new OutputException(
              "output \""
                  + key
                  + "\" at line "
                  + (i + 1)
                  + " has no closing delimiter (was "
                  + (delimiter.isEmpty() ? "empty" : "\"" + delimiter + "\"")
                  + "); end the value with the delimiter alone on a line");
        }
        for (int k = start; k < end; k++) {
          value.append(k > start ? "\n" : "").append(lines[k]);
        }
        outputs.put(key, value.toString());
        i = end;
      } else if (equals > 0) {
        outputs.put(line.substring(0, equals), line.substring(equals + 1));
      } else {
        throw new OutputException(
            "output line "
                + (i + 1)
                + " is neither key=value nor key<<DELIMITER (was \""
                + (line.length() > 40 ? line.substring(0, 40) + "..." : line)
                + "\"); write key=value, or key<<EOF, the lines, then EOF");
      }
    }
    return outputs;
  }
}
