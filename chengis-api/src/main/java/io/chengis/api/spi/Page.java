package io.chengis.api.spi;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing, with the cursor of the next page.
 *
 * <p>Immutable and thread-safe when its items are.
 *
 * @param items the items, in the listing's order
 * @param next the opaque cursor to pass for the next page; empty on the last page
 * @param <T> the item type
 * @since 0.1.0
 */
public record Page<T>(List<T> items, Optional<String> next) {
  /** Checks and copies the components. */
  public Page {
    items = OrderedCopies.list(items, "items");
    Objects.requireNonNull(next, "next");
  }
}
