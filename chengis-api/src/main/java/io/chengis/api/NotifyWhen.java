package io.chengis.api;

/**
 * Which build conclusions a notification is sent for.
 *
 * @since 0.1.0
 */
public enum NotifyWhen {
  /** After every build. */
  ALWAYS,
  /** After a successful build. */
  ON_SUCCESS,
  /** After a failed, timed-out or cancelled build. */
  ON_FAILURE,
  /** When the conclusion differs from the previous build's (fixed or broken). */
  ON_CHANGE
}
