package io.chengis.engine.memory;

import io.chengis.api.StoreException;
import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.BuildStore;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link BuildStore} on the heap, for tests and ephemeral hosts.
 *
 * <p>Builds are keyed by organization and build id, and indexed by job and number; a build of one
 * organization is never found or listed under another. Build numbers count from 1 per job. Listing
 * pages run newest (highest number) first; the cursor is the last number returned, so builds saved
 * while a client pages (which get higher numbers) never shift or repeat the pages that follow.
 *
 * <p>Thread-safe: every method may be called from any thread; none blocks beyond a short store-wide
 * lock.
 *
 * @since 0.1.0
 */
public final class InMemoryBuildStore implements BuildStore {
  private final Guard guard = new Guard();
  private final Map<JobRef, Long> lastNumbers = new HashMap<>();
  private final Map<BuildRef, BuildRecord> builds = new HashMap<>();
  private final Map<JobRef, NavigableMap<Long, BuildRecord>> byJob = new HashMap<>();

  /**
   * Creates an empty store.
   *
   * @since 0.1.0
   */
  public InMemoryBuildStore() {}

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public long nextNumber(JobRef job) {
    Objects.requireNonNull(job, "job");
    return guard.call(() -> lastNumbers.merge(job, 1L, Long::sum));
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreException when another build of the same job already has this number
   * @since 0.1.0
   */
  @Override
  public void save(BuildRecord build) {
    Objects.requireNonNull(build, "build");
    BuildRef ref = new BuildRef(build.org(), build.buildId());
    JobRef job = new JobRef(build.org(), build.jobId());
    guard.run(
        () -> {
          NavigableMap<Long, BuildRecord> numbers =
              byJob.computeIfAbsent(job, j -> new TreeMap<>());
          BuildRecord holder = numbers.get(build.number());
          if (holder != null && !holder.buildId().equals(build.buildId())) {
            throw new StoreException(
                "in-memory build store: build "
                    + build.buildId()
                    + " of job "
                    + job.jobId()
                    + " in organization "
                    + job.org()
                    + " takes number "
                    + build.number()
                    + ", which build "
                    + holder.buildId()
                    + " already has (was "
                    + build.number()
                    + "); allocate numbers with nextNumber");
          }
          BuildRecord previous = builds.put(ref, build);
          if (previous != null) {
            byJob
                .get(new JobRef(previous.org(), previous.jobId()))
                .remove(previous.number(), previous);
          }
          numbers.put(build.number(), build);
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public Optional<BuildRecord> find(BuildLookup lookup) {
    Objects.requireNonNull(lookup, "lookup");
    return guard.call(
        () ->
            switch (lookup) {
              case BuildLookup.ById(BuildRef build) -> Optional.ofNullable(builds.get(build));
              case BuildLookup.ByNumber(JobRef job, long number) ->
                  Optional.ofNullable(byJob.getOrDefault(job, new TreeMap<>()).get(number));
            });
  }

  /**
   * {@inheritDoc}
   *
   * <p>The cursor is the decimal number of the last build of the previous page.
   *
   * @throws IllegalArgumentException when the cursor was not made by this store
   * @since 0.1.0
   */
  @Override
  public Page<BuildRecord> list(BuildQuery query) {
    Objects.requireNonNull(query, "query");
    long before = query.cursor().map(InMemoryBuildStore::parseCursor).orElse(Long.MAX_VALUE);
    return guard.call(
        () -> {
          NavigableMap<Long, BuildRecord> older =
              byJob.getOrDefault(query.job(), new TreeMap<>()).headMap(before, false);
          List<BuildRecord> items = new ArrayList<>(Math.min(query.limit(), older.size()));
          for (BuildRecord build : older.descendingMap().values()) {
            if (items.size() == query.limit()) {
              return new Page<>(items, Optional.of(Long.toString(items.getLast().number())));
            }
            items.add(build);
          }
          return new Page<>(items, Optional.empty());
        });
  }

  private static long parseCursor(String cursor) {
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "in-memory build store: build list cursor is not one this store made (was \""
              + cursor
              + "\"); pass the next cursor of the previous page, or none for the first page",
          e);
    }
  }
}
