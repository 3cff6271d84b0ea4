package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ConclusionTest {
  /** Highest precedence first. */
  private static final List<Conclusion> PRECEDENCE =
      List.of(Conclusion.CANCELLED, Conclusion.TIMED_OUT, Conclusion.FAILURE);

  @Property
  void combine_anyConclusions_givesHighestPrecedence(@ForAll List<Conclusion> parts) {
    Conclusion expected =
        PRECEDENCE.stream().filter(parts::contains).findFirst().orElse(Conclusion.SUCCESS);

    assertThat(Conclusion.combine(parts)).isEqualTo(expected);
  }

  @Property
  void combine_orderOfParts_doesNotMatter(@ForAll List<Conclusion> parts) {
    assertThat(Conclusion.combine(parts.reversed())).isEqualTo(Conclusion.combine(parts));
  }

  @Test
  void combine_onlySkipped_isSuccess() {
    assertThat(Conclusion.combine(List.of(Conclusion.SKIPPED, Conclusion.SKIPPED)))
        .isEqualTo(Conclusion.SUCCESS);
    assertThat(Conclusion.combine(List.of())).isEqualTo(Conclusion.SUCCESS);
  }

  @Test
  void combine_failureAndCancelled_isCancelled() {
    assertThat(
            Conclusion.combine(
                List.of(Conclusion.FAILURE, Conclusion.CANCELLED, Conclusion.TIMED_OUT)))
        .isEqualTo(Conclusion.CANCELLED);
  }

  @Test
  void outcome_conclusionAndAllowedFailures_matchByName() {
    for (Outcome outcome : Outcome.values()) {
      assertThat(outcome.conclusion().name()).isEqualTo(outcome.name());
    }
    assertThat(Outcome.FAILURE.canBeAllowed()).isTrue();
    assertThat(Outcome.CANCELLED.canBeAllowed()).isFalse();
    assertThat(Conclusion.SKIPPED.isFailing()).isFalse();
    assertThat(Conclusion.TIMED_OUT.isFailing()).isTrue();
  }
}
