package io.chengis.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class OrderedCopiesTest {

  @Property(tries = 200)
  void list_anyList_isAnEqualCopyThatLaterChangesDoNotReach(@ForAll List<String> source) {
    List<String> mutable = new ArrayList<>(source);

    List<String> copy = OrderedCopies.list(mutable, "lines");
    mutable.add("later");

    assertThat(copy).isEqualTo(source).hasSameHashCodeAs(source);
    assertThat(copy.toArray()).containsExactly(source.toArray());
    assertThat(copy.toString()).isEqualTo(source.toString());
  }

  @Test
  void list_ofAListItReturned_isThatListItself() {
    List<String> copy = OrderedCopies.list(List.of("a", "b"), "lines");

    assertThat(OrderedCopies.list(copy, "lines")).isSameAs(copy);
    assertThat(OrderedCopies.list(List.copyOf(copy), "lines")).isNotSameAs(copy).isEqualTo(copy);
  }

  @Test
  void list_copy_cannotBeChanged_norThroughItsArray() {
    List<String> copy = OrderedCopies.list(List.of("a", "b"), "lines");

    assertThatThrownBy(() -> copy.add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.set(0, "c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    copy.toArray()[0] = "changed";
    assertThat(copy).containsExactly("a", "b");
  }

  @Test
  void list_withNull_isRefusedNamingTheComponent() {
    assertThatThrownBy(() -> OrderedCopies.list(Arrays.asList("a", null), "lines"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("lines must not contain null");
  }
}
