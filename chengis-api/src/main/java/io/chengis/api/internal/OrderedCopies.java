package io.chengis.api.internal;

import io.chengis.api.internal.lines.PackedLines;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Defensive, insertion-ordered, unmodifiable copies that reject null elements, keys and values.
 * {@code Map.copyOf} and {@code Set.copyOf} would lose the order that pipeline authors wrote.
 */
public final class OrderedCopies {
  private OrderedCopies() {}

  /**
   * An unmodifiable copy of {@code list}; {@code what} names the component in the NPE message. A
   * list this method returned is returned as it is: it cannot change and holds no null, so a record
   * built from another record's list (a log chunk's lines in a log event) shares it. So is a {@link
   * PackedLines}: immutable too, and copying it would make every line an object.
   */
  @SuppressWarnings("unchecked") // a Frozen list never changes, so reading it as List<T> is safe
  public static <T> List<T> list(Collection<? extends T> list, String what) {
    Objects.requireNonNull(list, what);
    if (list instanceof Frozen<? extends T> frozen) {
      return (List<T>) frozen;
    }
    if (list instanceof PackedLines packed) {
      return (List<T>) packed;
    }
    Object[] copy = list.toArray();
    for (Object element : copy) {
      Objects.requireNonNull(element, () -> what + " must not contain null");
    }
    return new Frozen<>(copy);
  }

  /** An unmodifiable list over an array nobody else holds. */
  private static final class Frozen<T> extends AbstractList<T> implements RandomAccess {
    private final Object[] elements;

    Frozen(Object[] elements) {
      this.elements = elements;
    }

    @Override
    @SuppressWarnings("unchecked") // only elements of type T were copied in
    public T get(int index) {
      return (T) elements[index];
    }

    @Override
    public int size() {
      return elements.length;
    }

    @Override
    public Object[] toArray() {
      return elements.clone();
    }
  }

  /** An unmodifiable insertion-ordered copy of {@code set}. */
  public static <T> Set<T> set(Collection<? extends T> set, String what) {
    Objects.requireNonNull(set, what);
    if (set.isEmpty()) {
      return Collections.emptySet();
    }
    Set<T> copy = LinkedHashSet.newLinkedHashSet(set.size());
    for (T element : set) {
      copy.add(Objects.requireNonNull(element, () -> what + " must not contain null"));
    }
    return Collections.unmodifiableSet(copy);
  }

  /** An unmodifiable insertion-ordered copy of {@code map}. */
  public static <K, V> Map<K, V> map(Map<? extends K, ? extends V> map, String what) {
    Objects.requireNonNull(map, what);
    if (map.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<K, V> copy = LinkedHashMap.newLinkedHashMap(map.size());
    map.forEach(
        (key, value) ->
            copy.put(
                Objects.requireNonNull(key, () -> what + " must not contain a null key"),
                Objects.requireNonNull(value, () -> what + " must not contain a null value")));
    return Collections.unmodifiableMap(copy);
  }

  /** A copy of a list of maps, each copied with {@link #map}. */
  public static <K, V> List<Map<K, V>> listOfMaps(
      Collection<? extends Map<? extends K, ? extends V>> maps, String what) {
    Objects.requireNonNull(maps, what);
    List<Map<K, V>> copy = new ArrayList<>(maps.size());
    for (Map<? extends K, ? extends V> map : maps) {
      copy.add(map(Objects.requireNonNull(map, () -> what + " must not contain null"), what));
    }
    return Collections.unmodifiableList(copy);
  }
}
