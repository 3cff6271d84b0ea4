package io.chengis.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Replaces secret values, and their common encodings, with {@code ***} in streamed output.
 *
 * <p>One masker serves a build: secrets may be {@linkplain #register registered} at any time, also
 * while output flows, and apply to all output fed afterwards. Each output stream gets its own
 * {@link ByteStream} (raw bytes, as a process writes them) or {@link Stream} (text), which holds
 * back the shortest possible tail that could still become a secret, so a value split across reads
 * is still masked. Matching is leftmost-longest over all variants, on their UTF-8 bytes: a variant
 * starts with an ASCII or a leading byte, so in UTF-8 output a match always starts and ends on a
 * character boundary, and what is emitted is always whole characters.
 *
 * <p>Thread-safe: registration publishes an immutable trie; a stream is confined to the thread that
 * reads one output.
 */
public final class SecretMasker {
  /** The replacement for every secret occurrence. */
  public static final String MASK = "***";

  private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.US_ASCII);

  private final ReentrantLock registering = new ReentrantLock();
  private final TreeMap<String, Boolean> variants = new TreeMap<>();
  private volatile Trie trie = Trie.EMPTY;

  /** Creates a masker with no secrets. */
  public SecretMasker() {}

  /** Receives masked bytes; they are valid only during the call. */
  @FunctionalInterface
  public interface Output {
    /**
     * Receives a piece of masked output.
     *
     * @param bytes holds the piece
     * @param offset where it starts
     * @param length how long it is
     */
    void write(byte[] bytes, int offset, int length);
  }

  /**
   * Registers a secret value; its variants are masked in all output fed from now on.
   *
   * @param secret the plain value; empty values are ignored
   */
  public void register(String secret) {
    Objects.requireNonNull(secret, "secret");
    registering.lock();
    try {
      boolean changed = false;
      for (String variant : SecretVariants.of(secret)) {
        changed |= variants.putIfAbsent(variant, Boolean.TRUE) == null;
      }
      if (changed) {
        trie = Trie.of(variants.keySet());
      }
    } finally {
      registering.unlock();
    }
  }

  /**
   * Whether any secret is registered.
   *
   * @return {@code true} when at least one value is masked
   */
  public boolean isEmpty() {
    return trie == Trie.EMPTY;
  }

  /**
   * Masks a complete text at once (no holdback).
   *
   * @param text the text
   * @return the text with every secret occurrence replaced
   */
  public String mask(String text) {
    Stream stream = stream();
    String head = stream.feed(text);
    return head + stream.flush();
  }

  /**
   * Starts masking one stream of text.
   *
   * @return a new stream state
   */
  public Stream stream() {
    return new Stream();
  }

  /**
   * Starts masking one stream of raw output bytes.
   *
   * @return a new stream state
   */
  public ByteStream bytes() {
    return new ByteStream();
  }

  /** The masking state of one stream of raw output bytes. Not thread-safe. */
  public final class ByteStream {
    /** Bytes fed but not emitted yet: {@code held[0, heldLength)}. */
    private byte[] held = new byte[0];

    private int heldLength;

    private ByteStream() {}

    /**
     * Feeds more output; what can be emitted safely goes to {@code out}, in order, in one or more
     * pieces. A tail that may begin a secret is held back until the next call.
     *
     * @param chunk holds the output
     * @param offset where it starts
     * @param count how many bytes to feed
     * @param out receives masked output
     */
    public void feed(byte[] chunk, int offset, int count, Output out) {
      Trie current = trie;
      if (heldLength == 0) {
        if (current == Trie.EMPTY) {
          out.write(chunk, offset, count); // nothing registered, nothing held back
          return;
        }
        int safe = drain(current, chunk, offset, offset + count, false, out);
        hold(chunk, safe, offset + count - safe);
        return;
      }
      int head = current.longest;
      if (head > 0 && count > head) {
        // Only the first bytes of the chunk can complete what is held back: settle the held bytes
        // against them, then go on in the chunk itself instead of copying all of it.
        int before = heldLength;
        append(chunk, offset, head);
        int safe = drain(current, held, 0, heldLength, false, out);
        if (safe >= before) {
          int rest = drain(current, chunk, offset + safe - before, offset + count, false, out);
          hold(chunk, rest, offset + count - rest);
          return;
        }
        // A held variant may still grow beyond them (not expected: they are as long as the
        // longest variant); what was emitted stays emitted, the head is taken again below.
        System.arraycopy(held, safe, held, 0, before - safe);
        heldLength = before - safe;
      }
      append(chunk, offset, count);
      int safe = drain(current, held, 0, heldLength, false, out);
      System.arraycopy(held, safe, held, 0, heldLength - safe);
      heldLength -= safe;
    }

    private void append(byte[] chunk, int offset, int count) {
      if (heldLength + count > held.length) {
        held = Arrays.copyOf(held, Math.max(heldLength + count, held.length * 2));
      }
      System.arraycopy(chunk, offset, held, heldLength, count);
      heldLength += count;
    }

    /**
     * Emits everything held back; call at the end of the stream.
     *
     * @param out receives the masked remainder
     */
    public void flush(Output out) {
      if (heldLength > 0) {
        drain(trie, held, 0, heldLength, true, out);
        heldLength = 0;
      }
    }

    private void hold(byte[] chunk, int from, int count) {
      if (count > held.length) {
        held = new byte[Math.max(count, 64)];
      }
      System.arraycopy(chunk, from, held, 0, count);
      heldLength = count;
    }
  }

  /**
   * Masks {@code text[from, size)} and writes what can be emitted to {@code out}.
   *
   * @return where the held-back tail starts ({@code size} when nothing is held back)
   */
  private static int drain(Trie current, byte[] text, int from, int size, boolean end, Output out) {
    int emitted = from;
    int i = from;
    boolean heldBack = false;
    int window = current.window;
    if (window >= 2) {
      // Skip ahead over output where no variant can start (Wu-Manber on pairs of bytes): the
      // pair ending a window of the shortest variant's length says how far the next possible
      // start is. Only candidate starts are walked in the trie.
      byte[] shifts = current.shifts;
      int p = from + window - 1;
      while (p < size) {
        int shift = shifts[Trie.pair(text[p - 1], text[p])];
        if (shift > 0) {
          p += shift;
          continue;
        }
        i = p - window + 1;
        int longest = current.longestAt(text, i, size, end);
        if (longest == Trie.COULD_GROW) {
          heldBack = true;
          break;
        }
        if (longest > 0) {
          masked(text, emitted, i, out);
          emitted = longest;
          p = longest + window - 1;
        } else {
          p++;
        }
      }
      i = heldBack ? i : Math.max(emitted, Math.max(from, p - window + 1));
    }
    while (!heldBack && i < size) {
      int longest = current.longestAt(text, i, size, end);
      if (longest == Trie.COULD_GROW) {
        break; // the tail from i may still become a (longer) secret: hold it back
      }
      if (longest > 0) {
        masked(text, emitted, i, out);
        emitted = longest;
        i = longest;
      } else {
        i++;
      }
    }
    int safe = Math.max(emitted, Math.min(i, size));
    if (safe > emitted) {
      out.write(text, emitted, safe - emitted);
    }
    return safe;
  }

  /** Writes the output before a match, then the mask. */
  private static void masked(byte[] text, int emitted, int matchStart, Output out) {
    if (matchStart > emitted) {
      out.write(text, emitted, matchStart - emitted);
    }
    out.write(MASK_BYTES, 0, MASK_BYTES.length);
  }

  /**
   * The masking state of one stream of text, on top of a {@link ByteStream} over its UTF-8 form (an
   * unpaired surrogate becomes {@code ?}, as in any UTF-8 output). Not thread-safe.
   */
  public final class Stream {
    private final ByteStream bytes = new ByteStream();
    private final Collected collected = new Collected();

    /** A high surrogate that ended the last piece; its partner may start the next. */
    private String pendingHigh = "";

    private Stream() {}

    /**
     * Feeds more text and returns what can be emitted safely.
     *
     * @param chunk the next piece of output
     * @return masked text; a tail that may begin a secret is held back until the next call
     */
    public String feed(CharSequence chunk) {
      if (pendingHigh.isEmpty() && bytes.heldLength == 0 && trie == Trie.EMPTY) {
        return chunk.toString(); // nothing registered and nothing held back: nothing to scan
      }
      String text = pendingHigh + chunk;
      pendingHigh = "";
      if (!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
        pendingHigh = text.substring(text.length() - 1);
        text = text.substring(0, text.length() - 1);
      }
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      bytes.feed(utf8, 0, utf8.length, collected);
      return collected.take();
    }

    /**
     * Emits everything held back; call at the end of the stream.
     *
     * @return the masked remainder
     */
    public String flush() {
      if (!pendingHigh.isEmpty()) {
        byte[] utf8 = pendingHigh.getBytes(StandardCharsets.UTF_8);
        pendingHigh = "";
        bytes.feed(utf8, 0, utf8.length, collected);
      }
      bytes.flush(collected);
      return collected.take();
    }
  }

  /** Collects masked bytes of whole characters and decodes them. */
  private static final class Collected implements Output {
    private byte[] buffer = new byte[64];
    private int length;

    @Override
    public void write(byte[] bytes, int offset, int count) {
      if (length + count > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(length + count, buffer.length * 2));
      }
      System.arraycopy(bytes, offset, buffer, length, count);
      length += count;
    }

    String take() {
      String text = new String(buffer, 0, length, StandardCharsets.UTF_8);
      length = 0;
      return text;
    }
  }

  /**
   * An immutable trie over the UTF-8 bytes of the variants; the root is a direct table by first
   * byte. It also holds a Wu-Manber shift table over pairs of bytes for skipping output where no
   * variant can start.
   */
  private static final class Trie {
    static final Trie EMPTY = new Trie(new Node[256], 0, 0, new byte[0]);

    /** {@link #longestAt}: the output ended inside a variant that could still be completed. */
    static final int COULD_GROW = -2;

    /** The longest prefix of the variants that windows cover; shifts must fit in a byte. */
    private static final int MAX_WINDOW = 64;

    private final Node[] roots;

    /** The length in bytes of the shortest variant, at most {@link #MAX_WINDOW}; 0 when empty. */
    final int window;

    /** The length in bytes of the longest variant; 0 when empty. */
    final int longest;

    /** How far a window ending in a pair may move without skipping a possible start. */
    final byte[] shifts;

    private Trie(Node[] roots, int window, int longest, byte[] shifts) {
      this.roots = roots;
      this.window = window;
      this.longest = longest;
      this.shifts = shifts;
    }

    static Trie of(Iterable<String> words) {
      MutableNode top = new MutableNode();
      int shortest = Integer.MAX_VALUE;
      int longest = 0;
      java.util.List<byte[]> encoded = new java.util.ArrayList<>();
      for (String word : words) {
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        encoded.add(bytes);
        MutableNode node = top;
        for (byte b : bytes) {
          node = node.children.computeIfAbsent(b, key -> new MutableNode());
        }
        node.terminal = true;
        shortest = Math.min(shortest, bytes.length);
        longest = Math.max(longest, bytes.length);
      }
      Node[] roots = new Node[256];
      top.children.forEach((b, child) -> roots[b & 0xFF] = child.freeze());
      int window = Math.min(shortest, MAX_WINDOW);
      byte[] shifts = new byte[0];
      if (window >= 2) {
        shifts = new byte[1 << 16];
        Arrays.fill(shifts, (byte) (window - 1));
        for (byte[] word : encoded) {
          for (int k = 1; k < window; k++) {
            int at = pair(word[k - 1], word[k]);
            shifts[at] = (byte) Math.min(shifts[at], window - 1 - k);
          }
        }
      }
      return new Trie(roots, window, longest, shifts);
    }

    /** The index of a pair of bytes in the shift table. */
    static int pair(byte first, byte second) {
      return ((first & 0xFF) << 8) | (second & 0xFF);
    }

    /**
     * Where the longest variant starting at {@code i} ends.
     *
     * @param end whether the output ends at {@code size} for good (then nothing can grow)
     * @return the end index, {@code -1} when none starts there, or {@link #COULD_GROW} when the
     *     output ends inside a longer possible variant
     */
    int longestAt(byte[] text, int i, int size, boolean end) {
      Node node = roots[text[i] & 0xFF];
      if (node == null) {
        return -1;
      }
      int longest = node.terminal ? i + 1 : -1;
      int j = i + 1;
      while (j < size && (node = node.child(text[j])) != null) {
        j++;
        if (node.terminal) {
          longest = j;
        }
      }
      boolean couldGrow = j == size && node != null && node.hasChildren();
      return couldGrow && !end ? COULD_GROW : longest;
    }
  }

  private static final class MutableNode {
    final Map<Byte, MutableNode> children = new TreeMap<>();
    boolean terminal;

    Node freeze() {
      byte[] keys = new byte[children.size()];
      Node[] nodes = new Node[children.size()];
      int k = 0;
      for (Map.Entry<Byte, MutableNode> child : children.entrySet()) {
        keys[k] = child.getKey();
        nodes[k++] = child.getValue().freeze();
      }
      return new Node(keys, nodes, terminal);
    }
  }

  private static final class Node {
    final byte[] keys;
    final Node[] children;
    final boolean terminal;

    Node(byte[] keys, Node[] children, boolean terminal) {
      this.keys = keys;
      this.children = children;
      this.terminal = terminal;
    }

    boolean hasChildren() {
      return keys.length > 0;
    }

    Node child(byte b) {
      if (keys.length == 1) {
        return keys[0] == b ? children[0] : null;
      }
      int at = Arrays.binarySearch(keys, b);
      return at >= 0 ? children[at] : null;
    }
  }
}
