package io.chengis.api;

import io.chengis.api.internal.Ulid;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Makes time-ordered identifiers ({@link EventId}, {@link BuildId}): 26 characters of Crockford
 * base32 holding the clock's millisecond and 80 random bits, like a ULID.
 *
 * <p>Ids from one generator strictly increase, in {@code compareTo} and in string order, even when
 * several are made in the same millisecond or the clock goes backwards: then the generator keeps
 * the last timestamp and increments the random part. Ids from different generators (or processes)
 * are unique with overwhelming probability but only roughly ordered, so an engine shares one
 * generator per kind.
 *
 * <p>Thread-safe: {@link #next()} may be called from any thread.
 *
 * @param <T> the identifier type
 * @since 0.1.0
 */
public final class TimeOrderedIds<T> {
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Function<String, T> wrap;
  private final ReentrantLock lock = new ReentrantLock();
  private long lastMillis = -1;
  private long randomHigh;
  private long randomLow;

  /** The random bits of a new millisecond; used under the lock. */
  private final byte[] bits = new byte[10];

  TimeOrderedIds(InstantSource clock, RandomGenerator random, Function<String, T> wrap) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.wrap = Objects.requireNonNull(wrap, "wrap");
  }

  TimeOrderedIds(InstantSource clock, Function<String, T> wrap) {
    this(clock, new SecureRandom(), wrap);
  }

  /**
   * Makes the next id.
   *
   * @return an id greater than every id this generator made before
   * @throws IllegalStateException when the clock is before 1970 or after the year 10889
   * @since 0.1.0
   */
  public T next() {
    long now = clock.millis();
    if (now < 0 || now > Ulid.MAX_MILLIS) {
      throw new IllegalStateException(
          "time-ordered id clock is out of range (was "
              + now
              + " ms since the epoch); use a clock between 1970 and the year 10889");
    }
    String text;
    lock.lock();
    try {
      if (now > lastMillis) {
        lastMillis = now;
        // One draw for all 80 bits: a SecureRandom pays for every call.
        random.nextBytes(bits);
        ByteBuffer drawn = ByteBuffer.wrap(bits);
        randomHigh = drawn.getShort() & 0xFFFF;
        randomLow = drawn.getLong();
      } else if (++randomLow == 0 && (randomHigh = (randomHigh + 1) & 0xFFFF) == 0) {
        // All 80 random bits overflowed within one millisecond: borrow the next millisecond.
        lastMillis++;
      }
      text = Ulid.encode(lastMillis, randomHigh, randomLow);
    } finally {
      lock.unlock();
    }
    return wrap.apply(text);
  }
}
