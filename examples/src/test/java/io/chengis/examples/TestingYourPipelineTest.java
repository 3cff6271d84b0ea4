package io.chengis.examples;

import static io.chengis.testkit.TestBuild.as;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.engine.TriggerRequest;
import io.chengis.testkit.ChengisTest;
import io.chengis.testkit.TestBuild;
import io.chengis.testkit.TestEngine;
import org.junit.jupiter.api.Test;

// README-BEGIN
@ChengisTest
class TestingYourPipelineTest {
  private final Pipeline pipeline = new ApprovalPipeline().define();

  @Test
  void deploy_approvedByTwoOnMain_shipsToProduction(TestEngine engine) {
    engine.fakes().command("./mvnw *").prints("BUILD SUCCESS").takes(ofMinutes(3));
    engine.fakes().step("Ship").prints("deployed");

    TestBuild build =
        engine
            .start(pipeline, TriggerRequest.manual().withBranch("main"))
            .approve("Deploy", as("alice"))
            .approve("Deploy", as("bob"))
            .await();

    assertThat(build).conclusion().isSuccess();
    assertThat(build).step("Ship").ranWithEnv("CI", "true").ranCommand("./deploy.sh production");
    assertThat(build.trace()).matchesGolden("golden/approved-deploy.trace");
  }

  @Test
  void deploy_withOneApprovalOfTwo_timesOutAfterFourHours(TestEngine engine) {
    engine.fakes().command("./mvnw *").succeeds();

    TestBuild build =
        engine
            .start(pipeline, TriggerRequest.manual().withBranch("main"))
            .approve("Deploy", as("alice"))
            .await(); // virtual time: the four hours pass at once

    assertThat(build).stage("Deploy").failed().because("approval timed out after PT4H");
    assertThat(build.result().finishedAt()).contains(engine.start().plus(ofHours(4)));
  }

  @Test
  void deploy_onAFeatureBranch_isSkipped(TestEngine engine) {
    engine.fakes().command("./mvnw *").succeeds();

    TestBuild build = engine.run(pipeline, TriggerRequest.manual().withBranch("feature/login"));

    assertThat(build).stage("Deploy").isSkipped().because("branch");
  }
}
// README-END
