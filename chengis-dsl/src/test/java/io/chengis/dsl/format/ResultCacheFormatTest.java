package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.ResultCacheSpec;
import io.chengis.api.SourceLocation;
import io.chengis.api.spi.PipelineSource;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.Steps;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stage's result cache from each front-end that has one. */
class ResultCacheFormatTest {

  @Test
  void chengisYaml_cacheResult_givesInputsOutputsAndItsPlace() {
    Pipeline pipeline =
        PipelineFormats.chengisYaml()
            .parse(
                new PipelineSource(
                    ".chengis/workflow.yml",
                    """
                    name: api
                    stages:
                      - name: build
                        cache-result:
                          inputs: [src/**, pom.xml]
                          outputs: [target/app.jar]
                        steps:
                          - name: make
                            run: make
                    """));

    assertThat(pipeline.stages().get(0).resultCache())
        .contains(
            new ResultCacheSpec(
                List.of("src/**", "pom.xml"),
                List.of("target/app.jar"),
                SourceLocation.of(".chengis/workflow.yml", 5, 7)));
  }

  @Test
  void chengisfile_cacheResult_givesInputsAndOutputs() {
    Pipeline pipeline =
        PipelineFormats.chengisfile()
            .parse(
                new PipelineSource(
                    "Chengisfile",
                    """
                    {:stages [{:name "build"
                               :cache-result {:inputs ["src/**"] :outputs ["out"]}
                               :steps [{:name "s" :run "make"}]}]}
                    """));

    ResultCacheSpec spec = pipeline.stages().get(0).resultCache().orElseThrow();
    assertThat(spec.inputs()).containsExactly("src/**");
    assertThat(spec.outputs()).containsExactly("out");
    assertThat(spec.location().line()).isEqualTo(2);
  }

  @Test
  void dsl_cacheResult_recordsInputsOutputsAndTheCallSite() {
    Pipeline pipeline =
        Chengis.pipeline(
            "api",
            p ->
                p.stage(
                    "build",
                    s ->
                        s.cacheResult(r -> r.inputs("src/**").outputs("target/app.jar"))
                            .step("make", Steps.shell("make"))));

    ResultCacheSpec spec = pipeline.stages().get(0).resultCache().orElseThrow();
    assertThat(spec.inputs()).containsExactly("src/**");
    assertThat(spec.outputs()).containsExactly("target/app.jar");
    assertThat(spec.location().file()).isEqualTo("ResultCacheFormatTest.java");
  }

  @Test
  void stagesWithoutCacheResult_haveNone() {
    Pipeline pipeline =
        Chengis.pipeline("api", p -> p.stage("build", s -> s.step("make", Steps.shell("make"))));

    assertThat(pipeline.stages().get(0).resultCache()).isEmpty();
  }
}
