package io.chengis.cli.internal;

import io.chengis.api.BuildResult;
import io.chengis.api.JobId;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.Page;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chengis builds [JOB]}: the stored builds, newest first. */
@Command(
    name = "builds",
    mixinStandardHelpOptions = true,
    description = "Lists stored builds, newest first: of one job, or the latest of every job.")
public final class BuildsCommand implements Callable<Integer> {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

  @Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "only this job")
  @Nullable String job;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "builds a page (per job without JOB; default ${DEFAULT-VALUE})")
  int limit = 20;

  @Option(names = "--cursor", paramLabel = "CURSOR", description = "the next page, as printed")
  @Nullable String cursor;

  /** Used by picocli. */
  public BuildsCommand() {}

  @Override
  public Integer call() {
    return Commands.run(
        spec,
        database,
        (stores, org) -> {
          PrintWriter out = spec.commandLine().getOut();
          List<JobId> jobs = job == null ? stores.jobs(org) : List.of(JobId.of(job));
          if (jobs.isEmpty()) {
            out.println("no builds in " + stores.description() + " yet; run one with chengis run");
          }
          for (JobId jobId : jobs) {
            Page<BuildRecord> page =
                stores
                    .builds()
                    .list(
                        new BuildQuery(
                            new JobRef(org, jobId),
                            job == null ? Optional.empty() : Optional.ofNullable(cursor),
                            Math.max(1, Math.min(limit, 1000))));
            for (BuildRecord build : page.items()) {
              out.println(line(build));
            }
            if (job != null) {
              page.next()
                  .ifPresent(
                      next -> out.println("more: chengis builds " + job + " --cursor " + next));
            }
          }
          return ExitCodes.SUCCESS;
        });
  }

  static String line(BuildRecord build) {
    Optional<BuildResult> result = build.result();
    String status = result.map(r -> r.conclusion().name()).orElse(build.state().name());
    String when =
        result
            .flatMap(BuildResult::startedAt)
            .map(WHEN::format)
            .orElse(WHEN.format(build.queuedAt()));
    String took =
        result
            .flatMap(
                r -> r.startedAt().flatMap(s -> r.finishedAt().map(f -> Duration.between(s, f))))
            .map(BuildsCommand::duration)
            .orElse("-");
    return String.format(
        "%-24s %-10s %s %8s  %s",
        build.jobId() + " #" + build.number(), status, when, took, build.buildId());
  }

  static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 60_000) {
      return String.format("%.1fs", millis / 1000.0);
    }
    return duration.toMinutes() + "m" + duration.toSecondsPart() + "s";
  }
}
