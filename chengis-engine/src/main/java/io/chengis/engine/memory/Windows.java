package io.chengis.engine.memory;

import java.util.List;

/** Cuts the window a cursor and a limit ask for out of an in-memory list. */
final class Windows {
  private Windows() {}

  /**
   * An immutable copy of up to {@code limit} items from index {@code offset}; empty past the end.
   */
  static <T> List<T> of(List<T> items, long offset, int limit) {
    int from = (int) Math.min(offset, items.size());
    int to = (int) Math.min((long) from + limit, items.size());
    return List.copyOf(items.subList(from, to));
  }
}
