package io.chengis.benchmarks;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Log lines appended to a file, the way a host's database keeps them off the heap: each line is its
 * timestamp, stream, length and UTF-8 text. Appends return where their lines start; reads decode
 * lines from such a position. Thread-safe.
 */
final class LineFile implements AutoCloseable {
  private static final LogStream[] STREAMS = LogStream.values();

  private final ReentrantLock lock = new ReentrantLock();
  private final FileChannel channel;
  private long end;

  LineFile(Path file) {
    try {
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }

  /** Appends lines; returns the file position of the first. */
  long append(List<LogLine> lines) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(lines.size() * 128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (LogLine line : lines) {
        byte[] text = line.text().getBytes(StandardCharsets.UTF_8);
        out.writeLong(line.timestamp().getEpochSecond());
        out.writeInt(line.timestamp().getNano());
        out.writeByte(line.stream().ordinal());
        out.writeInt(text.length);
        out.write(text);
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    lock.lock();
    try {
      long at = end;
      ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
      while (buffer.hasRemaining()) {
        end += channel.write(buffer, end);
      }
      return at;
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    } finally {
      lock.unlock();
    }
  }

  /** Reads {@code count} lines from a position after skipping {@code skip} lines. */
  List<LogLine> read(long position, int skip, int count) {
    List<LogLine> lines = new ArrayList<>(count);
    try {
      DataInputStream in =
          new DataInputStream(
              new java.io.BufferedInputStream(new PositionedStream(channel, position), 1 << 16));
      for (int i = 0; i < skip + count; i++) {
        long seconds = in.readLong();
        int nanos = in.readInt();
        LogStream stream = STREAMS[in.readByte()];
        byte[] text = new byte[in.readInt()];
        in.readFully(text);
        if (i >= skip) {
          lines.add(
              new LogLine(
                  Instant.ofEpochSecond(seconds, nanos),
                  stream,
                  new String(text, StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
    return lines;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Reads a channel from a position without moving the channel's own position. */
  private static final class PositionedStream extends java.io.InputStream {
    private final FileChannel channel;
    private long position;

    PositionedStream(FileChannel channel, long position) {
      this.channel = channel;
      this.position = position;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      int read = channel.read(ByteBuffer.wrap(into, offset, length), position);
      if (read > 0) {
        position += read;
      }
      return read;
    }
  }
}
