package io.chengis.benchmarks;

import java.util.List;

/**
 * One line of the final table.
 *
 * @param benchmark which benchmark
 * @param variant what was measured
 * @param figure the median figure, with its unit
 * @param ratio against the benchmark's raw baseline, or empty
 * @param target the target and whether it was met, or empty
 */
record Row(String benchmark, String variant, String figure, String ratio, String target) {

  static String table(List<Row> rows) {
    String[] header = {"benchmark", "variant", "median", "vs raw", "target"};
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = header[i].length();
    }
    for (Row row : rows) {
      String[] cells = row.cells();
      for (int i = 0; i < cells.length; i++) {
        widths[i] = Math.max(widths[i], cells[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    String[] rule = new String[header.length];
    for (int i = 0; i < rule.length; i++) {
      rule[i] = "-".repeat(widths[i]);
    }
    line(out, rule, widths);
    for (Row row : rows) {
      line(out, row.cells(), widths);
    }
    return out.toString();
  }

  private String[] cells() {
    return new String[] {benchmark, variant, figure, ratio, target};
  }

  private static void line(StringBuilder out, String[] cells, int[] widths) {
    for (int i = 0; i < cells.length; i++) {
      out.append(i == 0 ? "" : " | ").append(cells[i]);
      if (i < cells.length - 1) {
        out.append(" ".repeat(widths[i] - cells[i].length()));
      }
    }
    out.append('\n');
  }
}
