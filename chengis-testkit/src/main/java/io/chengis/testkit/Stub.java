package io.chengis.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a stubbed step does, set fluently: {@code fakes.step("test").prints("ok").exits(0)}. A new
 * stub succeeds at once with no output. {@link #then()} starts the behaviour of the next attempt
 * (for steps that retry); the last behaviour repeats for later attempts.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class Stub {
  private final ReentrantLock lock = new ReentrantLock();
  private final String matcher;
  private final List<Behaviour> attempts = new ArrayList<>();

  Stub(String matcher) {
    this.matcher = matcher;
    attempts.add(new Behaviour());
  }

  /** One attempt's behaviour. */
  static final class Behaviour {
    int exitCode;
    final List<String> stdout = new ArrayList<>();
    final List<String> stderr = new ArrayList<>();
    final List<String> variables = new ArrayList<>();
    final Map<String, String> outputs = new LinkedHashMap<>();
    Duration duration = Duration.ZERO;
    Optional<String> startFailure = Optional.empty();
    boolean hang;
    boolean outOfMemory;

    String describe() {
      if (startFailure.isPresent()) {
        return "fails to start: " + startFailure.get();
      }
      if (hang) {
        return "hangs until cancelled or timed out";
      }
      if (outOfMemory) {
        return "is killed out of memory (exit code 137)";
      }
      return "exits " + exitCode + (duration.isZero() ? "" : " after " + duration);
    }
  }

  private Behaviour current() {
    return attempts.get(attempts.size() - 1);
  }

  private Stub set(java.util.function.Consumer<Behaviour> change) {
    lock.lock();
    try {
      change.accept(current());
      return this;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Exits with a code (default 0).
   *
   * @param code the exit code, 0 to 255
   * @return this stub
   * @since 0.1.0
   */
  public Stub exits(int code) {
    if (code < 0 || code > 255) {
      throw new IllegalArgumentException(
          "stub "
              + matcher
              + ": exit code must be 0 to 255 (was "
              + code
              + "); use a shell's code");
    }
    return set(b -> b.exitCode = code);
  }

  /**
   * Exits with code 0.
   *
   * @return this stub
   * @since 0.1.0
   */
  public Stub succeeds() {
    return exits(0);
  }

  /**
   * Exits with code 1.
   *
   * @return this stub
   * @since 0.1.0
   */
  public Stub fails() {
    return exits(1);
  }

  /**
   * Writes lines to standard output when the step starts.
   *
   * @param lines the lines
   * @return this stub
   * @since 0.1.0
   */
  public Stub prints(String... lines) {
    List<String> copy = List.of(lines);
    return set(b -> b.stdout.addAll(copy));
  }

  /**
   * Writes lines to standard error when the step starts.
   *
   * @param lines the lines
   * @return this stub
   * @since 0.1.0
   */
  public Stub printsError(String... lines) {
    List<String> copy = List.of(lines);
    return set(b -> b.stderr.addAll(copy));
  }

  /**
   * Writes the value of each environment variable to standard output, one line each (an empty line
   * for a variable the step does not have), as {@code printenv NAME} would.
   *
   * @param names the variables
   * @return this stub
   * @since 0.1.0
   */
  public Stub printsVariables(String... names) {
    List<String> copy = List.of(names);
    return set(b -> b.variables.addAll(copy));
  }

  /**
   * Writes a step output, as {@code key=value} to {@code $CHENGIS_OUTPUT}; later steps read it as
   * {@code steps.<name>.outputs.<key>}.
   *
   * @param key the output's key
   * @param value its value
   * @return this stub
   * @since 0.1.0
   */
  public Stub outputs(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return set(b -> b.outputs.put(key, value));
  }

  /**
   * Runs for a while (on the engine's clock: instantly under virtual time) before it exits.
   *
   * @param duration zero or positive
   * @return this stub
   * @since 0.1.0
   */
  public Stub takes(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "stub " + matcher + ": duration must not be negative (was " + duration + ")");
    }
    return set(b -> b.duration = duration);
  }

  /**
   * Cannot be started: the executor throws, as when an image or a command is missing.
   *
   * @param message why, as the step's reason will say
   * @return this stub
   * @since 0.1.0
   */
  public Stub failsToStart(String message) {
    Objects.requireNonNull(message, "message");
    return set(b -> b.startFailure = Optional.of(message));
  }

  /**
   * Runs until it is cancelled or times out.
   *
   * @return this stub
   * @since 0.1.0
   */
  public Stub hangs() {
    return set(b -> b.hang = true);
  }

  /**
   * Is killed as by the kernel's out-of-memory killer: {@code Killed} on standard error, exit code
   * 137 (128 + SIGKILL).
   *
   * @return this stub
   * @since 0.1.0
   */
  public Stub killedOutOfMemory() {
    return set(b -> b.outOfMemory = true);
  }

  /**
   * Starts describing the next attempt of the step; the last attempt described repeats.
   *
   * @return this stub, now describing the next attempt
   * @since 0.1.0
   */
  public Stub then() {
    lock.lock();
    try {
      attempts.add(new Behaviour());
      return this;
    } finally {
      lock.unlock();
    }
  }

  Behaviour attempt(int attempt) {
    lock.lock();
    try {
      return attempts.get(Math.min(attempt, attempts.size()) - 1);
    } finally {
      lock.unlock();
    }
  }

  String matcher() {
    return matcher;
  }

  /**
   * What the stub matches and does, e.g. {@code step "test": exits 1}.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    lock.lock();
    try {
      List<String> described = attempts.stream().map(Behaviour::describe).toList();
      return matcher
          + ": "
          + (described.size() == 1 ? described.get(0) : String.join(", then ", described));
    } finally {
      lock.unlock();
    }
  }
}
