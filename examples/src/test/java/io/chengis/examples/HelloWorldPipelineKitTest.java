package io.chengis.examples;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.testkit.ChengisTest;
import io.chengis.testkit.Mode;
import io.chengis.testkit.TestBuild;
import io.chengis.testkit.TestEngine;
import org.junit.jupiter.api.Test;

@ChengisTest
class HelloWorldPipelineKitTest {
  private final Pipeline pipeline = new HelloWorldPipeline().define();

  @Test
  void helloWorld_withFakes_runsTheTestsSideBySideThenFinishes(TestEngine engine) {
    engine.fakes().command("echo *").succeeds();
    engine.fakes().step("Fast").prints("fast test").takes(ofMillis(500));
    engine.fakes().step("Slow").prints("slow test").takes(ofSeconds(1));

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.trace()).matchesGolden("golden/hello-world.trace");
  }

  @Test
  void slowTestFailing_failsTheBuildAndSkipsDone(TestEngine engine) {
    engine.fakes().command("echo *").succeeds();
    engine.fakes().step("Slow").exits(1);

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isFailure();
    assertThat(build).step("Fast").succeeded();
    assertThat(build).stage("Done").isSkipped().because("stage \"Test\" failed");
  }

  @Test
  @ChengisTest(mode = Mode.REAL)
  void helloWorld_forReal_printsTheGreeting(TestEngine engine) {
    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build.log("Hello", "Greet")).containsExactly("Hello from Chengis!");
    assertThat(build.log("Test", "Slow")).containsExactly("slow test");
  }
}
