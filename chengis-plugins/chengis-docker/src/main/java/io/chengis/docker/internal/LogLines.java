package io.chengis.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.spi.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns a container's multiplexed log frames into lines for a {@link LogSink}: {@code \n}, {@code
 * \r\n} and a lone {@code \r} end a line, as for local processes; a line longer than {@link
 * #MAX_LINE_BYTES} is cut. Bytes are collected per stream up to a line end, so a multi-byte
 * character split across frames is decoded whole (line ends never occur inside one in UTF-8).
 */
public final class LogLines extends ResultCallback.Adapter<Frame> {
  static final int MAX_LINE_BYTES = 64 * 1024;

  private final LogSink sink;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Pending stdout = new Pending(LogStream.STDOUT);
  private final Pending stderr = new Pending(LogStream.STDERR);

  /**
   * Lines go to this sink, stamped with this clock.
   *
   * @param sink the step's log
   * @param clock the time source of the line stamps
   */
  public LogLines(LogSink sink, InstantSource clock) {
    this.sink = sink;
    this.clock = clock;
  }

  @Override
  public void onNext(Frame frame) {
    lock.lock();
    try {
      Pending pending = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
      pending.feed(frame.getPayload());
    } finally {
      lock.unlock();
    }
  }

  /** Emits the unterminated last line of each stream, if any. */
  public void flush() {
    lock.lock();
    try {
      stdout.finish();
      stderr.finish();
    } finally {
      lock.unlock();
    }
  }

  private final class Pending {
    private final LogStream stream;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean afterCarriageReturn;

    Pending(LogStream stream) {
      this.stream = stream;
    }

    void feed(byte[] bytes) {
      for (byte b : bytes) {
        if (b == '\n') {
          if (!afterCarriageReturn) {
            emit();
          }
          afterCarriageReturn = false;
        } else if (b == '\r') {
          emit();
          afterCarriageReturn = true;
        } else {
          afterCarriageReturn = false;
          // Cut only before a byte that starts a character, never inside one.
          if (line.size() >= MAX_LINE_BYTES && (b & 0xC0) != 0x80) {
            emit();
          }
          line.write(b);
        }
      }
    }

    void finish() {
      if (line.size() > 0) {
        emit();
      }
    }

    private void emit() {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      sink.accept(new LogLine(clock.instant(), stream, text));
    }
  }
}
