package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.dsl.PipelineDefinition;
import io.chengis.dsl.PipelineDefinitions;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private final ClassLoader loader = DiscoveryTest.class.getClassLoader();

  @Test
  void discover_examplesOnClassPath_findsEveryExampleInRegistrationOrder() {
    List<PipelineDefinition> definitions = PipelineDefinitions.discover(loader);

    assertThat(definitions)
        .extracting(definition -> definition.getClass().getSimpleName())
        .containsExactly(
            "HelloWorldPipeline",
            "GitCheckoutPipeline",
            "JavaMavenPipeline",
            "MatrixBuildPipeline",
            "DagPipeline",
            "DependencyCachePipeline",
            "DockerPipeline",
            "ApprovalPipeline");
  }

  @Test
  void discover_everyExample_definesAUniquelyNamedValidPipeline() {
    List<Pipeline> pipelines =
        PipelineDefinitions.discover(loader).stream().map(PipelineDefinition::define).toList();

    assertThat(pipelines)
        .extracting(Pipeline::name)
        .doesNotHaveDuplicates()
        .allMatch(name -> name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"));
    assertThat(pipelines).allSatisfy(pipeline -> assertThat(pipeline.description()).isNotBlank());
  }

  @Test
  void load_byClassName_definesTheSamePipelineAsDiscovery() {
    Pipeline loaded = PipelineDefinitions.load(DagPipeline.class.getName(), loader);

    assertThat(loaded).isEqualTo(new DagPipeline().define());
  }
}
