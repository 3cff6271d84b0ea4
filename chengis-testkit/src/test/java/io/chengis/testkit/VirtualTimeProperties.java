package io.chengis.testkit;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.StepResult;
import io.chengis.dsl.Chengis;
import io.chengis.testkit.internal.Golden;
import io.chengis.testkit.internal.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class VirtualTimeProperties {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Property(tries = 40)
  void parallelSteps_anyDurations_eachEndsAtItsDurationAndTheStageAtTheLongest(
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 10_000) Integer> minutes) {
    Pipeline pipeline =
        Chengis.pipeline(
            "fan",
            p ->
                p.stage(
                    "all",
                    s -> {
                      s.parallel();
                      for (int i = 0; i < minutes.size(); i++) {
                        s.step("s" + i, shell("work " + i), st -> st.timeout(Duration.ofDays(30)));
                      }
                    }));
    try (TestEngine engine = TestEngine.builder().startAt(T0).build()) {
      for (int i = 0; i < minutes.size(); i++) {
        engine.fakes().step("s" + i).takes(Duration.ofMinutes(minutes.get(i)));
      }

      TestBuild build = engine.run(pipeline);

      List<StepResult> steps = build.result().stages().get(0).steps();
      for (int i = 0; i < minutes.size(); i++) {
        assertThat(steps.get(i).finishedAt()).contains(T0.plus(Duration.ofMinutes(minutes.get(i))));
      }
      assertThat(build.result().finishedAt())
          .contains(T0.plus(Duration.ofMinutes(Collections.max(minutes))));
    }
  }

  @Property(tries = 40)
  void sequentialSteps_anyDurations_startWhenTheOneBeforeEnds(
      @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 600) Integer> seconds) {
    Pipeline pipeline =
        Chengis.pipeline(
            "chain",
            p ->
                p.stage(
                    "all",
                    s -> {
                      for (int i = 0; i < seconds.size(); i++) {
                        s.step("s" + i, shell("work " + i));
                      }
                    }));
    try (TestEngine engine = TestEngine.builder().startAt(T0).build()) {
      for (int i = 0; i < seconds.size(); i++) {
        engine.fakes().step("s" + i).takes(Duration.ofSeconds(seconds.get(i)));
      }

      TestBuild build = engine.run(pipeline);

      Instant expected = T0;
      for (int i = 0; i < seconds.size(); i++) {
        StepResult step = build.result().stages().get(0).steps().get(i);
        assertThat(step.startedAt()).contains(expected);
        expected = expected.plusSeconds(seconds.get(i));
        assertThat(step.finishedAt()).contains(expected);
      }
    }
  }

  @Property(tries = 100)
  void scheduler_anyTimers_fireInDeadlineOrderAtTheirDeadline(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 100_000) Integer> delays) {
    VirtualScheduler scheduler = new VirtualScheduler(T0, Duration.ofSeconds(30));
    List<Instant> fired = new ArrayList<>();
    for (int delay : delays) {
      scheduler.schedule(Duration.ofMillis(delay), () -> fired.add(scheduler.instant()));
    }

    scheduler.advance(Duration.ofMillis(100_000));

    List<Instant> expected = delays.stream().sorted().map(delay -> T0.plusMillis(delay)).toList();
    assertThat(fired).isEqualTo(expected);
    assertThat(scheduler.instant()).isEqualTo(T0.plusMillis(100_000));
  }

  @Property(tries = 200)
  void golden_reindentedWithBlanksAndComments_normalizesTheSame(
      @ForAll @Size(max = 12) List<@StringLength(max = 20) String> words,
      @ForAll @IntRange(min = 0, max = 8) int indent) {
    List<String> lines = new ArrayList<>();
    List<String> reformatted = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String line = "item " + i + " " + words.get(i).replace('#', '_');
      lines.add("  ".repeat(i % 3) + line);
      reformatted.add("\t".repeat(indent) + " ".repeat(i) + line.replace(" ", "   ") + "  ");
      if (i % 2 == 0) {
        reformatted.add("");
        reformatted.add(" ".repeat(indent) + "# comment " + i);
      }
    }

    assertThat(Golden.normalize(reformatted)).isEqualTo(Golden.normalize(lines));
  }
}
