package io.chengis.engine.internal;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The files a step may write besides its outputs, as GitHub Actions' runner offers them: {@code
 * $CHENGIS_ENV} ({@code $GITHUB_ENV}) adds environment variables for the later steps of its stage,
 * {@code $CHENGIS_PATH} ({@code $GITHUB_PATH}) adds directories in front of their {@code PATH}, and
 * {@code $CHENGIS_STEP_SUMMARY} ({@code $GITHUB_STEP_SUMMARY}) holds Markdown that is published
 * with the step's log. {@code $GITHUB_OUTPUT} names the same file as {@code $CHENGIS_OUTPUT}. The
 * GitHub names are always set, so a step never writes into the files of a runner the engine itself
 * runs in.
 */
final class StepFiles {
  /** Marks the summary's lines in the step's log. */
  static final String SUMMARY_PREFIX = "[summary] ";

  // What the env, path and summary files add to the output file's name.
  private static final String ENV = ".env";
  private static final String PATH = ".path";
  private static final String SUMMARY = ".summary";

  private StepFiles() {}

  /** What the steps of one stage instance added; thread-safe (parallel steps add concurrently). */
  static final class Added {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> path = new ArrayList<>();

    /** The added variables, later additions winning. */
    Map<String, String> env() {
      lock.lock();
      try {
        return Collections.unmodifiableMap(new LinkedHashMap<>(env));
      } finally {
        lock.unlock();
      }
    }

    /** Puts the added directories in front of {@code PATH}, the latest first. */
    void prependTo(Map<String, String> environment) {
      List<String> directories;
      lock.lock();
      try {
        directories = List.copyOf(path);
      } finally {
        lock.unlock();
      }
      if (directories.isEmpty()) {
        return;
      }
      String current = environment.get("PATH");
      String joined = String.join(java.io.File.pathSeparator, directories);
      environment.put(
          "PATH",
          current == null || current.isEmpty()
              ? joined
              : joined + java.io.File.pathSeparator + current);
    }
  }

  static Path envFile(Path outputFile) {
    return Path.of(outputFile + ENV);
  }

  static Path pathFile(Path outputFile) {
    return Path.of(outputFile + PATH);
  }

  static Path summaryFile(Path outputFile) {
    return Path.of(outputFile + SUMMARY);
  }

  /**
   * Puts the variables naming a step's files into its environment: the output file's path and the
   * three that add a suffix to it, each made as a string once.
   */
  static void putVariables(Path outputFile, Map<String, String> environment) {
    String output = outputFile.toString();
    String env = output + ENV;
    String path = output + PATH;
    String summary = output + SUMMARY;
    environment.put("CHENGIS_OUTPUT", output);
    environment.put("GITHUB_OUTPUT", output);
    environment.put("CHENGIS_ENV", env);
    environment.put("GITHUB_ENV", env);
    environment.put("CHENGIS_PATH", path);
    environment.put("GITHUB_PATH", path);
    environment.put("CHENGIS_STEP_SUMMARY", summary);
    environment.put("GITHUB_STEP_SUMMARY", summary);
  }

  /**
   * Reads what a step wrote to its env and path files into its stage's additions.
   *
   * @throws StepOutputs.OutputException when a file is malformed or over the budget
   */
  static void collect(Path outputFile, long budget, Added into)
      throws StepOutputs.OutputException, IOException {
    Map<String, String> env = StepOutputs.read(envFile(outputFile), budget);
    List<String> directories = new ArrayList<>();
    Path pathFile = pathFile(outputFile);
    if (Files.exists(pathFile)) {
      if (Files.size(pathFile) > budget) {
        throw new StepOutputs.OutputException(
            "the path file is larger than the budget of "
                + budget
                + " bytes (was "
                + Files.size(pathFile)
                + " bytes); add one directory per line");
      }
      for (String line : Files.readAllLines(pathFile, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          directories.add(line.strip());
        }
      }
    }
    into.lock.lock();
    try {
      into.env.putAll(env);
      for (String directory : directories) {
        into.path.remove(directory);
        into.path.addFirst(directory);
      }
    } finally {
      into.lock.unlock();
    }
  }

  /** Publishes a step's summary, if it wrote one, as lines of its log (so it is masked). */
  static void publishSummary(Path summaryFile, StepLog log, InstantSource clock, long budget) {
    try {
      if (!Files.isRegularFile(summaryFile) || Files.size(summaryFile) == 0) {
        return;
      }
      if (Files.size(summaryFile) > budget) {
        log.accept(
            new LogLine(
                clock.instant(),
                LogStream.STDERR,
                "chengis: the step summary is larger than the budget of "
                    + budget
                    + " bytes (was "
                    + Files.size(summaryFile)
                    + " bytes) and is left out; write less, or keep a report as an artifact"));
        return;
      }
      for (String line : Files.readAllLines(summaryFile, StandardCharsets.UTF_8)) {
        log.accept(new LogLine(clock.instant(), LogStream.STDOUT, SUMMARY_PREFIX + line));
      }
    } catch (IOException unreadable) {
      log.accept(
          new LogLine(
              clock.instant(),
              LogStream.STDERR,
              "chengis: the step summary cannot be read: " + unreadable.getMessage()));
    }
  }
}
