package io.chengis.api;

/**
 * When a container image is pulled before a step runs.
 *
 * @since 0.1.0
 */
public enum PullPolicy {
  /** Pull every time, even when the image is present. */
  ALWAYS,
  /** Pull only when the image is not present locally (the default). */
  IF_NOT_PRESENT,
  /** Never pull; a missing image fails the step with a clear error. */
  NEVER
}
