package io.chengis.testkit.contract;

import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.EventId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.Outcome;
import io.chengis.api.TimeOrderedIds;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.JobRef;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Test data and a concurrency harness shared by the store contracts. */
public final class StoreFixtures {
  public static final OrgId ACME = OrgId.of("acme");
  public static final OrgId GLOBEX = OrgId.of("globex");
  public static final JobId API = JobId.of("api-service");
  public static final JobId WEB = JobId.of("web");
  public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static final TimeOrderedIds<BuildId> BUILD_IDS =
      BuildId.generator(InstantSource.fixed(T0));
  private static final TimeOrderedIds<EventId> EVENT_IDS =
      EventId.generator(InstantSource.fixed(T0));

  private StoreFixtures() {}

  public static BuildId buildId() {
    return BUILD_IDS.next();
  }

  public static EventId eventId() {
    return EVENT_IDS.next();
  }

  public static BuildRef buildRef(OrgId org) {
    return new BuildRef(org, buildId());
  }

  public static JobRef job(OrgId org, JobId jobId) {
    return new JobRef(org, jobId);
  }

  public static BuildRecord queuedBuild(JobRef job, long number) {
    return new BuildRecord(
        job.org(),
        buildId(),
        job.jobId(),
        number,
        1,
        Optional.empty(),
        BuildState.QUEUED,
        Map.of(),
        T0,
        Optional.empty());
  }

  public static BuildRecord finished(BuildRecord build) {
    BuildResult result =
        new BuildResult(
            build.buildId(),
            build.jobId(),
            build.number(),
            build.attempt(),
            build.rootBuildId(),
            Outcome.SUCCESS,
            Conclusion.SUCCESS,
            Optional.of(T0),
            Optional.of(T0.plusSeconds(60)),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of());
    return build.withState(BuildState.FINISHED, Optional.of(result));
  }

  /**
   * Runs the tasks at once on virtual threads, all released by one latch, and returns their results
   * in task order.
   */
  public static <T> List<T> concurrently(List<Callable<T>> tasks)
      throws InterruptedException, ExecutionException {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Callable<T> task : tasks) {
        futures.add(
            threads.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    return results;
  }
}
