package io.chengis.engine.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls into plugins, guarded: each call runs on its own virtual thread and is waited for at most
 * the timeout; whatever it throws (errors included) becomes a warning text with the secrets it may
 * contain masked. The calling thread never sees a plugin's exception.
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
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread worker =
        Thread.ofVirtual()
            .name("chengis-plugin-call")
            .unstarted(
                () -> {
                  try {
                    call.run();
                    done.complete(null);
                  } catch (Throwable failure) {
                    // A broken plugin may throw anything, errors included; none may reach the
                    // engine's thread.
                    done.completeExceptionally(failure);
                  }
                });
    worker.start();
    try {
      done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return Optional.empty();
    } catch (TimeoutException slow) {
      worker.interrupt();
      return Optional.of(
          what + " did not finish within " + timeout + " and was abandoned; check that it is up");
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      return Optional.of(
          mask(
              what + " failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(),
              secrets));
    } catch (InterruptedException interrupted) {
      worker.interrupt();
      Thread.currentThread().interrupt();
      return Optional.of(what + " was interrupted before it finished");
    }
  }

  static String mask(String text, Collection<String> secrets) {
    String masked = text;
    // Longest first, so that a value containing another secret is hidden whole.
    List<String> longestFirst =
        secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String secret : longestFirst) {
      if (secret.length() >= 3) {
        masked = masked.replace(secret, "***");
      }
    }
    return masked;
  }
}
