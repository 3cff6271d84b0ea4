package io.chengis.engine.artifacts;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A new version of a file as the 4 KiB blocks that differ from the previous version at the same
 * offset. Format: magic {@code CHDELTA1}, the base's SHA-256 (64 ASCII hex digits), the new size,
 * then per block of the new version a flag byte: 0 = the base's block at the same index, 1 = the
 * block's bytes follow. Immutable helper; thread-safe.
 *
 * @since 0.1.0
 */
public final class BlockDelta {
  /** The block size. */
  public static final int BLOCK = 4096;

  private static final byte[] MAGIC = "CHDELTA1".getBytes(StandardCharsets.US_ASCII);

  private BlockDelta() {}

  /**
   * The delta of {@code next} against {@code base}, when it is more than 20 % smaller than {@code
   * next}.
   *
   * @param baseSha256 the base's SHA-256, recorded in the delta
   * @param base the previous version
   * @param next the new version
   * @return the delta, or empty when storing {@code next} whole is about as small
   */
  public static Optional<byte[]> encode(String baseSha256, byte[] base, byte[] next) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.write(baseSha256.getBytes(StandardCharsets.US_ASCII));
      out.writeLong(next.length);
      for (int offset = 0; offset < next.length; offset += BLOCK) {
        int end = Math.min(next.length, offset + BLOCK);
        boolean same = end <= base.length && Arrays.equals(next, offset, end, base, offset, end);
        if (same) {
          out.writeByte(0);
        } else {
          out.writeByte(1);
          out.write(next, offset, end - offset);
        }
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    byte[] delta = bytes.toByteArray();
    return delta.length < next.length * 0.8 ? Optional.of(delta) : Optional.empty();
  }

  /**
   * The base's SHA-256 a delta was made against.
   *
   * @param delta the delta
   * @return the base's SHA-256
   * @throws IllegalArgumentException when the bytes are not a delta
   */
  public static String baseOf(byte[] delta) {
    checkMagic(delta);
    return new String(delta, MAGIC.length, 64, StandardCharsets.US_ASCII);
  }

  /**
   * Rebuilds the new version.
   *
   * @param base the base's content
   * @param delta the delta
   * @return the new version, byte for byte
   * @throws IllegalArgumentException when the delta is malformed or does not fit the base
   */
  public static byte[] apply(byte[] base, byte[] delta) {
    checkMagic(delta);
    try (DataInputStream in =
        new DataInputStream(
            new java.io.ByteArrayInputStream(
                delta, MAGIC.length + 64, delta.length - MAGIC.length - 64))) {
      long size = in.readLong();
      if (size < 0 || size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("delta: size " + size + " is impossible");
      }
      byte[] next = new byte[(int) size];
      for (int offset = 0; offset < next.length; offset += BLOCK) {
        int length = Math.min(BLOCK, next.length - offset);
        int flag = in.readUnsignedByte();
        if (flag == 0) {
          if (offset + length > base.length) {
            throw new IllegalArgumentException(
                "delta: block at " + offset + " copies past the base's end; wrong base");
          }
          System.arraycopy(base, offset, next, offset, length);
        } else {
          in.readFully(next, offset, length);
        }
      }
      return next;
    } catch (IOException truncated) {
      throw new IllegalArgumentException("delta: truncated (" + truncated + ")", truncated);
    }
  }

  private static void checkMagic(byte[] delta) {
    if (delta.length < MAGIC.length + 64 + 8
        || !Arrays.equals(delta, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IllegalArgumentException("delta: not a CHDELTA1 delta");
    }
  }
}
