package io.chengis.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ConsoleNotifierTest {
  @Test
  void send_failedBuild_printsHeadlineFailedStageAndLink() {
    List<String> lines = new CopyOnWriteArrayList<>();

    ConsoleNotifier.to(lines::add).send(Builds.failedAfterSuccess(Map.of()));

    assertThat(lines)
        .containsExactly(
            "❌ api #12 failed in 1m 3s (broken)",
            "failed stage: test",
            "https://ci.example.com/api/12");
  }

  @Test
  void send_fixedBuild_saysFixed() {
    List<String> lines = new CopyOnWriteArrayList<>();

    ConsoleNotifier.to(lines::add).send(Builds.fixed(Map.of()));

    assertThat(lines).containsExactly("✅ api #12 succeeded in 1m 3s (fixed)");
  }
}
