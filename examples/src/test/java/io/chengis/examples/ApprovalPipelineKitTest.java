package io.chengis.examples;

import static io.chengis.testkit.TestBuild.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.EngineException;
import io.chengis.api.Pipeline;
import io.chengis.engine.TriggerRequest;
import io.chengis.testkit.ChengisTest;
import io.chengis.testkit.Mode;
import io.chengis.testkit.TestBuild;
import io.chengis.testkit.TestEngine;
import org.junit.jupiter.api.Test;

@ChengisTest
class ApprovalPipelineKitTest {
  private final Pipeline pipeline = new ApprovalPipeline().define();

  @Test
  void approver_notOnTheList_isRefused(TestEngine engine) {
    engine.fakes().command("./mvnw *").succeeds();
    TestBuild build = engine.start(pipeline, TriggerRequest.manual().withBranch("main"));

    assertThatThrownBy(() -> build.approve("Deploy", as("mallory")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("mallory may not decide on stage \"Deploy\"");
  }

  @Test
  void rejection_failsTheDeployStage(TestEngine engine) {
    engine.fakes().command("./mvnw *").succeeds();

    TestBuild build =
        engine
            .start(pipeline, TriggerRequest.manual().withBranch("main"))
            .reject("Deploy", as("carol"), "release freeze")
            .await();

    assertThat(build).stage("Deploy").failed().because("rejected by carol: release freeze");
    assertThat(build).step("Ship").neverRan();
  }

  @Test
  @ChengisTest(mode = Mode.REAL)
  void approvedDeploy_forReal_runsTheScriptsInTheWorkspace(TestEngine engine) {
    engine.prepareWorkspace(
        workspace -> {
          Scripts.mavenWrapper(workspace, "");
          Scripts.write(workspace, "deploy.sh", "echo \"deploying to $1\"");
        });

    TestBuild build =
        engine
            .start(pipeline, TriggerRequest.manual().withBranch("main"))
            .approve("Deploy", as("alice"))
            .approve("Deploy", as("bob"))
            .await();

    assertThat(build).conclusion().isSuccess();
    assertThat(build.log("Build", "Package")).containsExactly("mvnw -B -q package -DskipTests");
    assertThat(build.log("Deploy", "Ship")).containsExactly("deploying to production");
  }
}
