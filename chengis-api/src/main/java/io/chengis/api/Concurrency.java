package io.chengis.api;

import java.util.Objects;

/**
 * A concurrency group: at most one build per key runs at a time (e.g. {@code deploy-prod}).
 *
 * @param key the group key; may use {@code ${{ }}} expressions
 * @param onConflict what happens to a new build while another of the group runs
 * @since 0.1.0
 */
public record Concurrency(String key, OnConflict onConflict) {

  /** Checks the components. */
  public Concurrency {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(onConflict, "onConflict");
  }

  /**
   * What a new build does when another build of its concurrency group is running.
   *
   * @since 0.1.0
   */
  public enum OnConflict {
    /** Wait until the running build ends (the default). */
    QUEUE,
    /** Cancel the running build and start. */
    CANCEL_RUNNING
  }
}
