package io.chengis.engine.memory;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** A store-wide lock, held only for in-memory work, never around anything that blocks. */
final class Guard {
  private final ReentrantLock lock = new ReentrantLock();

  <T> T call(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  void run(Runnable work) {
    lock.lock();
    try {
      work.run();
    } finally {
      lock.unlock();
    }
  }
}
