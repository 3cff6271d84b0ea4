package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceSpecTest {
  @Test
  void new_timeoutNotPositive_isRefusedWithThePlaceTheValueAndTheFix() {
    assertThatThrownBy(
            () ->
                new SourceSpec(
                    "https://example.com/acme/api.git",
                    Optional.empty(),
                    0,
                    false,
                    Optional.empty(),
                    SourceLocation.of("Chengisfile", 3, 5),
                    List.of(),
                    List.of(),
                    Optional.of(Duration.ofSeconds(-1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Chengisfile:3:5: source timeout must be positive (was PT-1S); give e.g. PT15M, or"
                + " none for the engine's checkout timeout");
  }
}
