package io.chengis.testkit;

import static io.chengis.dsl.Conditions.onBranch;
import static io.chengis.dsl.Steps.shell;
import static java.time.Duration.ZERO;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.engine.TriggerRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example of the package's Javadoc, compiled and run; {@link JavadocSnippetTest} compares. */
// JAVADOC-BEGIN
@ChengisTest
class ReleasePipelineTest {
  private final Pipeline release =
      Chengis.pipeline(
          "release",
          p ->
              p.stage("test", s -> s.step("unit", shell("./mvnw -B verify")))
                  .stage(
                      "deploy",
                      s ->
                          s.when(onBranch("main"))
                              .step(
                                  "push",
                                  shell("./deploy.sh"),
                                  st -> st.retry(3, Duration.ofSeconds(10)))));

  @Test
  void release_onMain_retriesTheFlakyPushWithBackoff(TestEngine engine) {
    engine.fakes().step("unit").prints("Tests run: 42, Failures: 0");
    engine.fakes().step("push").fails().then().succeeds();

    TestBuild build = engine.run(release, TriggerRequest.manual().withBranch("main"));

    assertThat(build).conclusion().isSuccess();
    assertThat(build).step("unit").ranWithEnv("CI", "true");
    assertThat(build).step("push").tookAttempts(2).attemptsStartedAt(ZERO, ofSeconds(10));
  }
}
// JAVADOC-END
