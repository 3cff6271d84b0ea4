package io.chengis.engine.internal;

import io.chengis.api.internal.guard.PluginGuard;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Notifier and status reporter calls, guarded by the shared {@link PluginGuard}: whatever the call
 * throws (errors included) or a call that outlives the timeout becomes a warning text with the
 * secrets it may contain masked. The calling thread never sees a plugin's exception.
 */
public final class PluginCalls {
  private PluginCalls() {}

  /**
   * Runs a plugin call.
   *
   * @param what the call in words, e.g. {@code notification "slack"}
   * @param timeout how long to wait for it
   * @param call the call
   * @param secrets texts to mask in the warning
   * @return a warning when the call failed or timed out; empty when it succeeded
   */
  public static Optional<String> call(
      String what, Duration timeout, Runnable call, Collection<String> secrets) {
    PluginGuard.Outcome<Void> outcome;
    try {
      outcome =
          PluginGuard.call(
              "chengis-plugin-call",
              timeout,
              () -> {
                call.run();
                return null;
              });
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Optional.of(what + " was interrupted before it finished");
    }
    if (outcome instanceof PluginGuard.Returned<Void>) {
      return Optional.empty();
    }
    return Optional.of(PluginGuard.reason(what, outcome, secrets));
  }

  static String mask(String text, Collection<String> secrets) {
    return PluginGuard.mask(text, secrets);
  }
}
