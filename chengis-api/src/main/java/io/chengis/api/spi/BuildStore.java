package io.chengis.api.spi;

import java.util.Optional;

/**
 * Keeps builds: their identity, state transitions and final results.
 *
 * <p>Protocol: the engine calls {@link #nextNumber} when it queues a build and {@link #save} on
 * every state transition, from the build's virtual thread; hosts, the CLI and the engine's recovery
 * call {@link #find} and {@link #list} from any thread, concurrently. All may block on I/O. An
 * exception ({@link io.chengis.api.StoreException}) means nothing was written; the engine retries
 * or fails the operation, never the data. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface BuildStore {
  /**
   * Allocates the next build number of a job, atomically: concurrent callers never get the same
   * number.
   *
   * @param job the job
   * @return the next number, from 1
   * @since 0.1.0
   */
  long nextNumber(JobRef job);

  /**
   * Inserts a build or replaces the stored record with the same organization and build id.
   *
   * @param build the record
   * @since 0.1.0
   */
  void save(BuildRecord build);

  /**
   * Finds one build.
   *
   * @param lookup by id, or by job and number
   * @return the build, or empty when there is none in that organization
   * @since 0.1.0
   */
  Optional<BuildRecord> find(BuildLookup lookup);

  /**
   * Lists a job's builds, newest first.
   *
   * @param query the job, cursor and page size
   * @return a page of builds
   * @since 0.1.0
   */
  Page<BuildRecord> list(BuildQuery query);
}
