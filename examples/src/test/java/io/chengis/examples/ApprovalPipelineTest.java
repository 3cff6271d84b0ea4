package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.ApprovalGate;
import io.chengis.api.Concurrency;
import io.chengis.api.Condition;
import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApprovalPipelineTest {
  private final Pipeline pipeline = new ApprovalPipeline().define();

  @Test
  void define_always_deploysLast() {
    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("Build", "Test", "Deploy");
  }

  @Test
  void deployStage_always_needsTwoOfThreeApproversWithinFourHours() {
    ApprovalGate gate = pipeline.stage("Deploy").orElseThrow().approval().orElseThrow();

    assertThat(gate.message()).isEqualTo("Deploy to production?");
    assertThat(gate.approvers()).containsExactly("alice", "bob", "carol");
    assertThat(gate.roles()).isEmpty();
    assertThat(gate.minApprovals()).isEqualTo(2);
    assertThat(gate.timeout()).contains(Duration.ofHours(4));
  }

  @Test
  void deployStage_onOtherBranches_doesNotRun() {
    assertThat(pipeline.stage("Deploy").orElseThrow().condition())
        .isEqualTo(new Condition.OnBranch("main"));
  }

  @Test
  void otherStages_always_runWithoutApproval() {
    assertThat(pipeline.stage("Build").orElseThrow().approval()).isEmpty();
    assertThat(pipeline.stage("Test").orElseThrow().approval()).isEmpty();
  }

  @Test
  void concurrency_always_queuesDeployments() {
    assertThat(pipeline.concurrency())
        .contains(new Concurrency("deploy-production", Concurrency.OnConflict.QUEUE));
  }
}
