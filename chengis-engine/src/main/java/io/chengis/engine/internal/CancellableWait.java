package io.chengis.engine.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a cancellation interrupt one blocking wait of the current thread, and never anything after
 * it: once {@link #done()} returns, no interrupt from this object can reach the thread.
 */
final class CancellableWait {
  private final ReentrantLock lock = new ReentrantLock();
  private final Thread waiter = Thread.currentThread();
  private boolean done;

  /** Interrupts the waiting thread, unless its wait is over. Safe from any thread. */
  void interrupt() {
    lock.lock();
    try {
      if (!done) {
        waiter.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Ends the wait and clears an interrupt it may have delivered; call on the waiting thread. */
  void done() {
    lock.lock();
    try {
      done = true;
      Thread.interrupted();
    } finally {
      lock.unlock();
    }
  }
}
