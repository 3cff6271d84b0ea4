package io.chengis.api;

import java.util.Objects;

/**
 * What happens to a build whose engine process stops (crashes, is killed) while it runs: it is
 * concluded as failed with the reason (the default), or put back in the queue so that the next
 * engine on the same store runs it again, keeping the results of the stages that had finished. A
 * build requeued {@code maxAttempts} times without finishing is dead-lettered and concluded.
 *
 * <p>Only builds whose state is kept in a shared store (e.g. {@code chengis-store}) outlive their
 * process. A build waiting for approval is never concluded by a crash: it resumes either way.
 * Immutable and thread-safe.
 *
 * @param onCrash fail or requeue
 * @param maxAttempts how many times the build may be claimed from the queue, at least 1
 * @since 0.1.0
 */
public record CrashPolicy(OnCrash onCrash, int maxAttempts) {
  private static final CrashPolicy FAIL = new CrashPolicy(OnCrash.FAIL, 1);

  /** Checks the components. */
  public CrashPolicy {
    Objects.requireNonNull(onCrash, "onCrash");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "crash policy allows too few attempts (was " + maxAttempts + "); allow at least 1");
    }
  }

  /**
   * Conclude the build as failed (the default).
   *
   * @return the policy
   * @since 0.1.0
   */
  public static CrashPolicy fail() {
    return FAIL;
  }

  /**
   * Requeue the build, at most {@code maxAttempts} runs in all.
   *
   * @param maxAttempts at least 1
   * @return the policy
   * @since 0.1.0
   */
  public static CrashPolicy requeue(int maxAttempts) {
    return new CrashPolicy(OnCrash.REQUEUE, maxAttempts);
  }

  /**
   * Whether builds are requeued.
   *
   * @return {@code true} for {@link OnCrash#REQUEUE}
   * @since 0.1.0
   */
  public boolean requeues() {
    return onCrash == OnCrash.REQUEUE;
  }

  /**
   * The two answers to a crash.
   *
   * @since 0.1.0
   */
  public enum OnCrash {
    /** Conclude the build as failed, with the reason. */
    FAIL,
    /** Put the build back in the queue. */
    REQUEUE
  }
}
