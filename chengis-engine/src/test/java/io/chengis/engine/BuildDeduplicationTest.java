package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.EngineException;
import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.Parameters;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opt-in build deduplication: same job, commit and parameters within the window. */
class BuildDeduplicationTest {
  @TempDir Path root;
  EngineFixture fixture;
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-05-01T10:00:00Z"));
  final InstantSource clock = () -> now.get();

  static final Pipeline PIPELINE =
      Chengis.pipeline(
          "dedup",
          p ->
              p.parameter(Parameters.text("target").defaultValue("dev"))
                  .stage("build", s -> s.step("make", shell("test \"$PARAM_TARGET\" != broken"))));

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  EngineFixture engine(ChengisEngine.Builder builder) {
    fixture = new EngineFixture(root, builder.clock(clock));
    return fixture;
  }

  @Test
  void sameCommitAndParameters_withinTheWindow_answeredWithTheEarlierBuild() throws Exception {
    engine(ChengisEngine.builder().deduplicateWithin(Duration.ofHours(1)));
    EngineFixture.Run first = fixture.run(PIPELINE, TriggerRequest.manual().withCommit("abc123"));
    now.set(now.get().plus(Duration.ofMinutes(59)));

    BuildHandle again =
        fixture.engine.trigger(PIPELINE, TriggerRequest.manual().withCommit("abc123"));

    assertThat(first.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(again.id()).isEqualTo(first.handle().id());
    assertThat(again.number()).isEqualTo(1);
    assertThat(again.state()).isEqualTo(BuildState.FINISHED);
    assertThat(again.await()).isEqualTo(first.result());
    EngineFixture.Run replayed = EngineFixture.finish(again);
    assertThat(replayed.events()).isEqualTo(first.events());
    assertThat(replayed.events().getLast()).isInstanceOf(BuildEvent.BuildFinished.class);
    assertThat(fixture.engine.find(first.handle().id()).orElseThrow().commit()).contains("abc123");
    assertThatThrownBy(() -> again.approve("build", Approver.of("alice"), ""))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("the build finished (it answered a duplicate trigger)");
  }

  @Test
  void otherCommitParametersBranchOrAfterTheWindow_startNewBuilds() throws Exception {
    engine(ChengisEngine.builder().deduplicateWithin(Duration.ofHours(1)));
    EngineFixture.Run first = fixture.run(PIPELINE, TriggerRequest.manual().withCommit("abc123"));

    EngineFixture.Run otherCommit =
        fixture.run(PIPELINE, TriggerRequest.manual().withCommit("def456"));
    EngineFixture.Run otherParameters =
        fixture.run(
            PIPELINE, TriggerRequest.manual().withCommit("abc123").withParameter("target", "prod"));
    EngineFixture.Run otherBranch =
        fixture.run(PIPELINE, TriggerRequest.manual().withCommit("abc123").withBranch("main"));
    EngineFixture.Run noCommit = fixture.run(PIPELINE, TriggerRequest.manual());
    now.set(now.get().plus(Duration.ofMinutes(61)));
    EngineFixture.Run later = fixture.run(PIPELINE, TriggerRequest.manual().withCommit("def456"));

    assertThat(
            java.util.stream.Stream.of(
                    first, otherCommit, otherParameters, otherBranch, noCommit, later)
                .map(run -> run.handle().number()))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void failedBuild_isNeverReused() throws Exception {
    engine(ChengisEngine.builder().deduplicateWithin(Duration.ofHours(1)));
    TriggerRequest broken =
        TriggerRequest.manual().withCommit("abc123").withParameter("target", "broken");
    EngineFixture.Run first = fixture.run(PIPELINE, broken);

    EngineFixture.Run second = fixture.run(PIPELINE, broken);

    assertThat(first.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(second.handle().id()).isNotEqualTo(first.handle().id());
  }

  @Test
  void notEnabled_everyTriggerStartsABuild() throws Exception {
    engine(ChengisEngine.builder());
    EngineFixture.Run first = fixture.run(PIPELINE, TriggerRequest.manual().withCommit("abc123"));

    EngineFixture.Run second = fixture.run(PIPELINE, TriggerRequest.manual().withCommit("abc123"));

    assertThat(second.handle().number()).isEqualTo(first.handle().number() + 1);
  }
}
