package io.chengis.api.internal.guard;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls into plugins, guarded: each call runs on a virtual thread of its own and is waited for at
 * most a timeout; whatever it throws, {@link Error}s included, is caught there. The calling thread
 * never sees a plugin's exception and never waits longer than the timeout. Not API.
 */
public final class PluginGuard {
  private PluginGuard() {}

  /**
   * What a guarded call came to.
   *
   * @param <T> what the call returns
   */
  public sealed interface Outcome<T> {}

  /**
   * The call returned.
   *
   * @param value what it returned
   * @param <T> what the call returns
   */
  public record Returned<T>(T value) implements Outcome<T> {}

  /**
   * The call threw.
   *
   * @param failure what it threw, possibly an {@link Error} or an {@link InterruptedException}
   * @param <T> what the call returns
   */
  public record Threw<T>(Throwable failure) implements Outcome<T> {
    /** Checks the component. */
    public Threw {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * The call did not finish within the timeout; it was interrupted and abandoned.
   *
   * @param timeout the timeout
   * @param <T> what the call returns
   */
  public record TimedOut<T>(Duration timeout) implements Outcome<T> {}

  /**
   * Runs a plugin call on its own virtual thread and waits at most {@code timeout} for it.
   *
   * @param name the worker thread's name
   * @param timeout how long to wait
   * @param call the call
   * @param <T> what the call returns
   * @return what came of it
   * @throws InterruptedException when the calling thread is interrupted while it waits; the call is
   *     interrupted as well
   */
  public static <T> Outcome<T> call(String name, Duration timeout, Callable<T> call)
      throws InterruptedException {
    CompletableFuture<T> done = new CompletableFuture<>();
    Thread worker =
        Thread.ofVirtual()
            .name(name)
            .unstarted(
                () -> {
                  try {
                    done.complete(call.call());
                  } catch (Throwable failure) {
                    // A broken plugin may throw anything, errors included (a jar with a missing
                    // class throws NoClassDefFoundError); none may reach the caller's thread.
                    done.completeExceptionally(failure);
                  }
                });
    worker.start();
    try {
      return new Returned<>(done.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException slow) {
      worker.interrupt();
      return new TimedOut<>(timeout);
    } catch (ExecutionException failed) {
      return new Threw<>(failed.getCause());
    } catch (InterruptedException interrupted) {
      worker.interrupt();
      throw interrupted;
    }
  }

  /**
   * Why a call failed in words: {@code <what> did not finish within PT30S ...} or {@code <what>
   * failed: <class>: <message>}, with the secrets masked.
   *
   * @param what the call, e.g. {@code notification "slack" (com.example.SlackNotifier)}
   * @param outcome a failed outcome
   * @param secrets texts to mask
   * @return the reason
   */
  public static String reason(String what, Outcome<?> outcome, Collection<String> secrets) {
    return switch (outcome) {
      case TimedOut<?> slow ->
          what
              + " did not finish within "
              + slow.timeout()
              + " and was abandoned; check that it is up";
      case Threw<?> threw ->
          mask(
              what
                  + " failed: "
                  + threw.failure().getClass().getSimpleName()
                  + ": "
                  + threw.failure().getMessage(),
              secrets);
      case Returned<?> returned -> what + " succeeded";
    };
  }

  /**
   * Masks every secret of three characters or more in a text, longest first, so that a value
   * containing another secret is hidden whole.
   *
   * @param text the text
   * @param secrets the values to hide
   * @return the text with each secret replaced by {@code ***}
   */
  public static String mask(String text, Collection<String> secrets) {
    String masked = text;
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
