package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import org.junit.jupiter.api.Test;

class DagPipelineTest {
  private final Pipeline pipeline = new DagPipeline().define();

  @Test
  void define_withDependsOn_isADag() {
    assertThat(pipeline.isDag()).isTrue();
    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("Build", "Unit Tests", "Integration Tests", "Package");
  }

  @Test
  void dependencies_always_fanOutAfterBuildAndJoinBeforePackage() {
    assertThat(pipeline.stage("Build").orElseThrow().dependsOn()).isEmpty();
    assertThat(pipeline.stage("Unit Tests").orElseThrow().dependsOn()).containsExactly("Build");
    assertThat(pipeline.stage("Integration Tests").orElseThrow().dependsOn())
        .containsExactly("Build");
    assertThat(pipeline.stage("Package").orElseThrow().dependsOn())
        .containsExactly("Unit Tests", "Integration Tests");
  }
}
