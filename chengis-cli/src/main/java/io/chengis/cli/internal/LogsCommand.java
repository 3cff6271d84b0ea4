package io.chengis.cli.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.EventId;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.EventReplay;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.store.SqlStores;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chengis logs BUILD [--follow]}: the stored output of a build's steps, step by step in the
 * order they started; with {@code --follow}, new lines as another process stores them, until the
 * build finishes.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Prints the stored output of a build's steps; --follow waits for more.")
public final class LogsCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int PAGE = 5_000;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

  @Parameters(index = "0", paramLabel = "BUILD", description = "a build id or JOB#NUMBER")
  String build = "";

  @Option(
      names = {"-f", "--follow"},
      description = "keep printing new lines until the build finishes")
  boolean follow;

  @Option(names = "--stage", paramLabel = "NAME", description = "only this stage")
  @Nullable String stage;

  @Option(names = "--step", paramLabel = "NAME", description = "only this step")
  @Nullable String step;

  /** Used by picocli. */
  public LogsCommand() {}

  @Override
  public Integer call() {
    return Commands.run(
        spec,
        database,
        (stores, org) -> {
          BuildRecord record =
              BuildRefs.find(spec.commandLine(), stores.builds(), org, build, stores.description());
          new Reader(stores, org, record, spec.commandLine().getOut()).print();
          return ExitCodes.SUCCESS;
        });
  }

  /** Walks the build's events for its steps, and each step's stored log from where it left off. */
  private final class Reader {
    private final SqlStores stores;
    private final OrgId org;
    private final BuildRecord record;
    private final PrintWriter out;
    private final Map<LogKey, Long> printed = new LinkedHashMap<>();
    private Optional<EventId> after = Optional.empty();
    private boolean finished;

    Reader(SqlStores stores, OrgId org, BuildRecord record, PrintWriter out) {
      this.stores = stores;
      this.org = org;
      this.record = record;
      this.out = out;
    }

    void print() {
      while (true) {
        readEvents();
        printNewLines();
        out.flush();
        if (!follow || finished) {
          return;
        }
        LockSupport.parkNanos(POLL.toNanos());
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }

    private void readEvents() {
      while (true) {
        List<BuildEvent> events =
            stores
                .events()
                .replay(new EventReplay(org, Optional.of(record.buildId()), after, PAGE));
        for (BuildEvent event : events) {
          switch (event) {
            case BuildEvent.StepStarted started -> {
              if (wanted(started.stage(), started.step())) {
                printed.putIfAbsent(
                    new LogKey(
                        new BuildRef(org, record.buildId()), started.stage(), started.step()),
                    0L);
              }
            }
            case BuildEvent.BuildFinished done -> finished = true;
            default -> {
              // only steps and the end matter here
            }
          }
        }
        if (!events.isEmpty()) {
          after = Optional.of(events.getLast().id());
        }
        if (events.size() < PAGE) {
          return;
        }
      }
    }

    private boolean wanted(String stageName, String stepName) {
      return (stage == null || stage.equals(stageName)) && (step == null || step.equals(stepName));
    }

    private void printNewLines() {
      for (Map.Entry<LogKey, Long> entry : printed.entrySet()) {
        LogKey key = entry.getKey();
        long offset = entry.getValue();
        while (true) {
          LogChunk chunk = stores.logs().read(new LogRead(key, offset, PAGE));
          for (LogLine line : chunk.lines()) {
            out.println(
                "["
                    + key.stage()
                    + " › "
                    + key.step()
                    + "]"
                    + (line.stream() == LogStream.STDERR ? "! " : " ")
                    + line.text());
          }
          offset = chunk.end();
          if (chunk.lines().size() < PAGE) {
            break;
          }
        }
        entry.setValue(offset);
      }
    }
  }
}
