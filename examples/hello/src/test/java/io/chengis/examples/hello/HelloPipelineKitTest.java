package io.chengis.examples.hello;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.engine.TriggerRequest;
import io.chengis.testkit.ChengisTest;
import io.chengis.testkit.Mode;
import io.chengis.testkit.TestBuild;
import io.chengis.testkit.TestEngine;
import org.junit.jupiter.api.Test;

@ChengisTest
class HelloPipelineKitTest {
  private final Pipeline pipeline = new HelloPipeline().define();

  private static void stubEverything(TestEngine engine) {
    engine.fakes().step("Say hello").printsVariables("PARAM_NAME");
    engine.fakes().step("Unit tests").prints("12 tests passed").takes(ofMillis(200));
    engine.fakes().step("Lint").prints("no lint problems").takes(ofMillis(100));
    engine.fakes().step("Spelling").printsError("unknown word 'Chengis'").exits(3);
    engine.fakes().step("Archive").succeeds();
    engine.fakes().step("Report").succeeds();
  }

  @Test
  void hello_withFakes_matchesItsGoldenTrace(TestEngine engine) {
    stubEverything(engine);

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isSuccess();
    assertThat(build).stage("Check [lang=fr]").step("Spelling").isAllowedFailure().exitedWith(3);
    assertThat(build.trace()).matchesGolden("golden/hello.trace");
  }

  @Test
  void nameParameter_reachesTheGreetingOfEveryLanguage(TestEngine engine) {
    stubEverything(engine);

    TestBuild build = engine.run(pipeline, TriggerRequest.manual().withParameter("name", "Ada"));

    assertThat(build).stage("Greet [lang=en]").step("Say hello").ranWithEnv("PARAM_NAME", "Ada");
    assertThat(build.log("Greet [lang=fr]", "Say hello")).containsExactly("Ada");
  }

  @Test
  void archiveFailing_failsTheBuildButTheReportStillRuns(TestEngine engine) {
    stubEverything(engine);
    engine.fakes().step("Package [lang=en]", "Archive").exits(1);

    TestBuild build = engine.run(pipeline);

    assertThat(build).conclusion().isFailure();
    assertThat(build).stage("Package [lang=en]").failed();
    assertThat(build).step("Report").succeeded();
  }

  @Test
  @ChengisTest(mode = Mode.REAL)
  void hello_forReal_greetsInBothLanguages(TestEngine engine) {
    TestBuild build = engine.run(pipeline, TriggerRequest.manual().withParameter("name", "Ada"));

    assertThat(build).conclusion().isSuccess();
    assertThat(build.log("Greet [lang=en]", "Say hello")).containsExactly("Hello, Ada!");
    assertThat(build.log("Greet [lang=fr]", "Say hello")).containsExactly("Bonjour, Ada!");
    assertThat(build).stage("Check [lang=en]").step("Spelling").isAllowedFailure();
    assertThat(engine.workspaceRoot().resolve("hello/1/dist/hello-fr.txt")).hasContent("hello fr");
  }
}
