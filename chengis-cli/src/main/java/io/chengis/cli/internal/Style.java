package io.chengis.cli.internal;

import io.chengis.api.Outcome;
import io.chengis.api.StepResult;
import java.io.Console;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How results look: words, symbols, colours and durations. Colours are ANSI escapes and only used
 * on a terminal; symbols fall back to ASCII when the output encoding cannot show them.
 */
final class Style {
  private static final String RESET = "\u001b[0m";

  private final boolean colour;
  private final boolean unicode;

  Style(boolean colour, boolean unicode) {
    this.colour = colour;
    this.unicode = unicode;
  }

  /** Plain text, ASCII only: what pipes and tests get. */
  static Style plain() {
    return new Style(false, false);
  }

  /**
   * Whether standard output is an interactive terminal that understands cursor movement: a console
   * is attached (and, on Java 22+, {@code Console.isTerminal()} agrees) and {@code TERM} is not
   * {@code dumb}.
   */
  static boolean isTerminal(Map<String, String> environment) {
    Console console = System.console();
    if (console == null || "dumb".equals(environment.getOrDefault("TERM", "dumb"))) {
      return false;
    }
    try {
      // Java 22+ returns a console even when output is redirected; ask it when we can.
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException java21) {
      return true;
    }
  }

  /** Whether the charset can show the box and spinner symbols. */
  static boolean canShowSymbols(Charset charset) {
    return charset.newEncoder().canEncode("✓✗⠋");
  }

  String bold(String text) {
    return paint("1", text);
  }

  String dim(String text) {
    return paint("2", text);
  }

  String red(String text) {
    return paint("31", text);
  }

  String green(String text) {
    return paint("32", text);
  }

  String yellow(String text) {
    return paint("33", text);
  }

  private String paint(String code, String text) {
    return colour ? "\u001b[" + code + "m" + text + RESET : text;
  }

  /** The symbol of a finished step, coloured. */
  String symbol(StepResult step) {
    if (step.allowedFailure()) {
      return yellow("!");
    }
    return symbol(step.outcome());
  }

  /** The symbol of a finished outcome, coloured. */
  String symbol(Outcome outcome) {
    return switch (outcome) {
      case SUCCESS -> green(unicode ? "✓" : "+");
      case FAILURE -> red(unicode ? "✗" : "x");
      case TIMED_OUT -> red(unicode ? "⌛" : "T");
      case CANCELLED -> yellow(unicode ? "⊘" : "/");
      case SKIPPED -> dim("-");
    };
  }

  /** The symbol of something that has not started yet. */
  String pending() {
    return dim(unicode ? "·" : ".");
  }

  /** One frame of the spinner of running steps. */
  String spinner(long frame) {
    String frames = unicode ? "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏" : "|/-\\";
    int index = (int) (frame % frames.length());
    return yellow(frames.substring(index, index + 1));
  }

  /** What happened to a step, in words: {@code ok}, {@code failed: exit code 1}, ... */
  String status(StepResult step) {
    String reason = step.reason().map(text -> ": " + text).orElse("");
    String words =
        switch (step.outcome()) {
          case SUCCESS -> green("ok");
          case FAILURE -> step.allowedFailure() ? yellow("failed (allowed)") : red("failed");
          case TIMED_OUT ->
              step.allowedFailure() ? yellow("timed out (allowed)") : red("timed out");
          case CANCELLED -> yellow("cancelled");
          case SKIPPED -> dim("skipped");
        };
    return words + (step.outcome() == Outcome.SUCCESS ? "" : reason);
  }

  /** A step's duration in parentheses, or nothing when it did not run. */
  static String took(StepResult step) {
    return step.duration().map(duration -> " (" + duration(duration) + ")").orElse("");
  }

  /** A duration for people: {@code 0.4s}, {@code 12.0s}, {@code 3m 05s}, {@code 1h 02m}. */
  static String duration(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
  }

  /** A duration between two optional instants, if both are known. */
  static Optional<Duration> between(
      Optional<java.time.Instant> start, Optional<java.time.Instant> end) {
    return start.flatMap(from -> end.map(to -> Duration.between(from, to)));
  }

  /** One stored artifact: path, size and the start of its SHA-256. */
  static String artifact(io.chengis.api.BuildEvent.ArtifactStored stored) {
    return "artifact " + artifact(stored.path(), stored.size(), stored.sha256());
  }

  /** An artifact's path, size and the start of its SHA-256. */
  static String artifact(String path, long size, String sha256) {
    return path
        + "  "
        + bytes(size)
        + "  sha256 "
        + sha256.substring(0, Math.min(12, sha256.length()));
  }

  /** A size in bytes, KiB or MiB, for people. */
  static String bytes(long size) {
    if (size < 1024) {
      return size + " B";
    }
    if (size < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", size / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", size / (1024.0 * 1024));
  }
}
