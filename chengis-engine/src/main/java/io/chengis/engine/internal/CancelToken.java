package io.chengis.engine.internal;

import io.chengis.api.Outcome;
import io.chengis.api.spi.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cancellation signal with a cause, arranged in a tree: build, stage and step tokens. Cancelling
 * a token cancels its children with the same cause; the first cause wins. Thread-safe; actions run
 * on the cancelling thread and must not block for long.
 */
public final class CancelToken implements Cancellation {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Runnable> actions = new ArrayList<>();
  private final List<CancelToken> children = new ArrayList<>();
  private volatile Optional<Cause> cause = Optional.empty();

  /** Why work was stopped. */
  public record Cause(Outcome outcome, String reason) {}

  /**
   * A child token, cancelled with this one; already cancelled when this one is.
   *
   * @return the child
   */
  public CancelToken child() {
    CancelToken child = new CancelToken();
    Optional<Cause> now;
    lock.lock();
    try {
      now = cause;
      if (now.isEmpty()) {
        children.add(child);
      }
    } finally {
      lock.unlock();
    }
    now.ifPresent(c -> child.cancel(c.outcome(), c.reason()));
    return child;
  }

  /**
   * Cancels this token and its children, unless already cancelled.
   *
   * @param outcome {@link Outcome#CANCELLED} or {@link Outcome#TIMED_OUT}
   * @param reason what the results will say
   */
  public void cancel(Outcome outcome, String reason) {
    List<Runnable> toRun;
    List<CancelToken> toCancel;
    lock.lock();
    try {
      if (cause.isPresent()) {
        return;
      }
      cause = Optional.of(new Cause(outcome, reason));
      toRun = List.copyOf(actions);
      toCancel = List.copyOf(children);
      actions.clear();
      children.clear();
    } finally {
      lock.unlock();
    }
    toCancel.forEach(child -> child.cancel(outcome, reason));
    toRun.forEach(Runnable::run);
  }

  /**
   * Why this token was cancelled.
   *
   * @return the cause, or empty while not cancelled
   */
  public Optional<Cause> cause() {
    return cause;
  }

  @Override
  public boolean isCancelled() {
    return cause.isPresent();
  }

  @Override
  public void onCancel(Runnable action) {
    lock.lock();
    try {
      if (cause.isEmpty()) {
        actions.add(action);
        return;
      }
    } finally {
      lock.unlock();
    }
    action.run();
  }
}
