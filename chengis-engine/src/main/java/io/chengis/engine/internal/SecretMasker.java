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
      while (i < size) {
        Node node = current.root(text[i]);
        if (node == null) {
          i++;
          continue;
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
        if (couldGrow && !end) {
          break; // the tail from i may still become a (longer) secret: hold it back
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

  /** An immutable trie over the variants; the root is a direct table by first character. */
  private static final class Trie {
    static final Trie EMPTY = new Trie(new Node[0]);

    private final Node[] roots;

    private Trie(Node[] roots) {
      this.roots = roots;
    }

    static Trie of(Iterable<String> words) {
      MutableNode top = new MutableNode();
      char highest = 0;
      for (String word : words) {
        MutableNode node = top;
        for (char c : word.toCharArray()) {
          node = node.children.computeIfAbsent(c, key -> new MutableNode());
        }
        node.terminal = true;
        highest = (char) Math.max(highest, word.charAt(0));
      }
      Node[] roots = new Node[highest + 1];
      top.children.forEach((c, child) -> roots[c] = child.freeze());
      return new Trie(roots);
    }

    Node root(char c) {
      return c < roots.length ? roots[c] : null;
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
