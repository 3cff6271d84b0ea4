package io.chengis.engine.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Replaces secret values, and their common encodings, with {@code ***} in streamed text.
 *
 * <p>One masker serves a build: secrets may be {@linkplain #register registered} at any time, also
 * while output flows, and apply to all text fed afterwards. Each output stream gets its own {@link
 * Stream}, which holds back the shortest possible tail that could still become a secret, so a value
 * split across reads is still masked. Matching is leftmost-longest over all variants.
 *
 * <p>Thread-safe: registration publishes an immutable trie; a {@link Stream} is confined to the
 * thread that reads one output.
 */
public final class SecretMasker {
  /** The replacement for every secret occurrence. */
  public static final String MASK = "***";

  private final ReentrantLock registering = new ReentrantLock();
  private final TreeMap<String, Boolean> variants = new TreeMap<>();
  private volatile Trie trie = Trie.EMPTY;

  /**
   * Registers a secret value; its variants are masked in all text fed from now on.
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
   * Starts masking one output stream.
   *
   * @return a new stream state
   */
  public Stream stream() {
    return new Stream();
  }

  /** The masking state of one output stream. Not thread-safe. */
  public final class Stream {
    /** Text fed but not yet emitted: {@code buffer[0, length)}. */
    private char[] buffer = new char[0];

    private int length;

    private Stream() {}

    /**
     * Feeds more text and returns what can be emitted safely.
     *
     * @param chunk the next piece of output
     * @return masked text; a tail that may begin a secret is held back until the next call
     */
    public String feed(CharSequence chunk) {
      if (length == 0 && trie == Trie.EMPTY) {
        return chunk.toString(); // nothing registered and nothing held back: nothing to scan
      }
      int size = chunk.length();
      if (length + size > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(length + size, buffer.length * 2));
      }
      if (chunk instanceof String text) {
        text.getChars(0, size, buffer, length);
      } else {
        for (int k = 0; k < size; k++) {
          buffer[length + k] = chunk.charAt(k);
        }
      }
      length += size;
      return drain(false);
    }

    /**
     * Feeds more text from a character array; see {@link #feed(CharSequence)}.
     *
     * @param chars the characters
     * @param offset the first character to feed
     * @param count how many to feed
     * @return masked text that can be emitted
     */
    public String feed(char[] chars, int offset, int count) {
      if (length == 0 && trie == Trie.EMPTY) {
        return new String(chars, offset, count);
      }
      if (length + count > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(length + count, buffer.length * 2));
      }
      System.arraycopy(chars, offset, buffer, length, count);
      length += count;
      return drain(false);
    }

    /**
     * Emits everything held back; call at the end of the stream.
     *
     * @return the masked remainder
     */
    public String flush() {
      return drain(true);
    }

    private String drain(boolean end) {
      Trie current = trie;
      char[] text = buffer;
      int size = length;
      StringBuilder out = null;
      int emitted = 0;
      int i = 0;
      boolean heldBack = false;
      int window = current.window;
      if (window >= 2) {
        // Skip ahead over text where no variant can start (Wu-Manber on pairs of characters):
        // the pair ending a window of the shortest variant's length says how far the next
        // possible start is. Only candidate starts are walked in the trie.
        byte[] shifts = current.shifts;
        int p = window - 1;
        while (p < size) {
          int shift = shifts[Trie.pair(text[p - 1], text[p])];
          if (shift > 0) {
            p += shift;
            continue;
          }
          i = p - window + 1;
          int longest = current.longestAt(text, i, size);
          if (longest == Trie.COULD_GROW) {
            if (!end) {
              heldBack = true;
              break;
            }
            longest = current.longestAt(text, i, size, true);
          }
          if (longest > 0) {
            if (out == null) {
              out = new StringBuilder(size);
            }
            out.append(text, emitted, i - emitted).append(MASK);
            emitted = longest;
            p = longest + window - 1;
          } else {
            p++;
          }
        }
        i = heldBack ? i : Math.max(emitted, Math.max(0, p - window + 1));
      }
      while (!heldBack && i < size) {
        int longest = current.longestAt(text, i, size);
        if (longest == Trie.COULD_GROW) {
          if (!end) {
            break; // the tail from i may still become a (longer) secret: hold it back
          }
          longest = current.longestAt(text, i, size, true);
        }
        if (longest > 0) {
          if (out == null) {
            out = new StringBuilder(size);
          }
          out.append(text, emitted, i - emitted).append(MASK);
          emitted = longest;
          i = longest;
        } else {
          i++;
        }
      }
      int safe = Math.max(emitted, Math.min(i, size));
      String result;
      if (out == null) {
        result = new String(text, 0, safe);
      } else {
        result = out.append(text, emitted, safe - emitted).toString();
      }
      System.arraycopy(text, safe, text, 0, size - safe);
      length = size - safe;
      return result;
    }
  }

  /**
   * An immutable trie over the variants; the root is a direct table by first character. It also
   * holds a Wu-Manber shift table over pairs of characters for skipping text where no variant can
   * start.
   */
  private static final class Trie {
    static final Trie EMPTY = new Trie(new Node[0], 0, new byte[0]);

    /** {@link #longestAt}: the text ended inside a variant that could still be completed. */
    static final int COULD_GROW = -2;

    /** The longest prefix of the variants that windows cover; shifts must fit in a byte. */
    private static final int MAX_WINDOW = 64;

    private final Node[] roots;

    /** The length of the shortest variant, at most {@link #MAX_WINDOW}; 0 when empty. */
    final int window;

    /** How far a window ending in a pair may move without skipping a possible start. */
    final byte[] shifts;

    private Trie(Node[] roots, int window, byte[] shifts) {
      this.roots = roots;
      this.window = window;
      this.shifts = shifts;
    }

    static Trie of(Iterable<String> words) {
      MutableNode top = new MutableNode();
      char highest = 0;
      int shortest = Integer.MAX_VALUE;
      for (String word : words) {
        MutableNode node = top;
        for (char c : word.toCharArray()) {
          node = node.children.computeIfAbsent(c, key -> new MutableNode());
        }
        node.terminal = true;
        highest = (char) Math.max(highest, word.charAt(0));
        shortest = Math.min(shortest, word.length());
      }
      Node[] roots = new Node[highest + 1];
      top.children.forEach((c, child) -> roots[c] = child.freeze());
      int window = Math.min(shortest, MAX_WINDOW);
      byte[] shifts = new byte[0];
      if (window >= 2) {
        shifts = new byte[1 << 16];
        Arrays.fill(shifts, (byte) (window - 1));
        for (String word : words) {
          for (int k = 1; k < window; k++) {
            int at = pair(word.charAt(k - 1), word.charAt(k));
            shifts[at] = (byte) Math.min(shifts[at], window - 1 - k);
          }
        }
      }
      return new Trie(roots, window, shifts);
    }

    /** A 16-bit hash of two characters; different pairs may share one (that only shifts less). */
    static int pair(char first, char second) {
      return ((first & 0xFF) << 8) | (second & 0xFF);
    }

    Node root(char c) {
      return c < roots.length ? roots[c] : null;
    }

    /**
     * Where the longest variant starting at {@code i} ends.
     *
     * @return the end index, {@code -1} when none starts there, or {@link #COULD_GROW} when the
     *     text ends inside a longer possible variant
     */
    int longestAt(char[] text, int i, int size) {
      return longestAt(text, i, size, false);
    }

    /** As {@link #longestAt(char[], int, int)}; at the end of the stream nothing can grow. */
    int longestAt(char[] text, int i, int size, boolean end) {
      Node node = root(text[i]);
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
    final Map<Character, MutableNode> children = new TreeMap<>();
    boolean terminal;

    Node freeze() {
      char[] keys = new char[children.size()];
      Node[] nodes = new Node[children.size()];
      int k = 0;
      for (Map.Entry<Character, MutableNode> child : children.entrySet()) {
        keys[k] = child.getKey();
        nodes[k++] = child.getValue().freeze();
      }
      return new Node(keys, nodes, terminal);
    }
  }

  private static final class Node {
    final char[] keys;
    final Node[] children;
    final boolean terminal;

    Node(char[] keys, Node[] children, boolean terminal) {
      this.keys = keys;
      this.children = children;
      this.terminal = terminal;
    }

    boolean hasChildren() {
      return keys.length > 0;
    }

    Node child(char c) {
      if (keys.length == 1) {
        return keys[0] == c ? children[0] : null;
      }
      int at = Arrays.binarySearch(keys, c);
      return at >= 0 ? children[at] : null;
    }
  }
}
