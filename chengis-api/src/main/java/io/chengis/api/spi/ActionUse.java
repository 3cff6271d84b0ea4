package io.chengis.api.spi;

import io.chengis.api.internal.OrderedCopies;
import java.util.Map;
import java.util.Objects;

/**
 * One use of a GitHub Actions action in a workflow step, for {@link ActionMapper#map}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param action the action without its ref, e.g. {@code actions/setup-java}
 * @param ref what follows {@code @}, e.g. {@code v4}; empty when the step gives none
 * @param with the step's {@code with:} inputs in order; values may hold {@code ${{ }}} templates
 * @since 0.1.0
 */
public record ActionUse(String action, String ref, Map<String, String> with) {
  /** Checks and copies the components. */
  public ActionUse {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(ref, "ref");
    with = OrderedCopies.map(with, "with");
  }
}
