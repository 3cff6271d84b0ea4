package io.chengis.engine.internal;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.Parameters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageEnvironmentTest {
  private static final Map<String, String> HOST = host();

  private static Map<String, String> host() {
    Map<String, String> host = new LinkedHashMap<>();
    host.put("PATH", "/usr/bin:/bin");
    host.put("HOME", "/home/ci");
    host.put("CI", "false");
    host.put("CHENGIS_HOME", "/opt/chengis");
    host.put("REGION", "host");
    host.put("MATRIX_OS", "host");
    host.put("PARAM_LEVEL", "host");
    host.put("TIER", "host");
    return host;
  }

  private static final Pipeline PIPELINE =
      Chengis.pipeline(
          "layers",
          p ->
              p.env("REGION", "pipeline")
                  .env("TAG", "${{ params.level }}")
                  .matrix(m -> m.axis("os", "linux"))
                  .parameter(Parameters.text("level").defaultValue("debug"))
                  .stage(
                      "build",
                      s ->
                          s.env("TIER", "stage")
                              .env("NAME", "${{ steps.a.outputs.name }}")
                              .step("a", shell("true"))));

  private static StageEnvironment layersOfBuild() {
    StageInstance instance = StageInstance.expand(PIPELINE).getFirst();
    return StageEnvironment.of(HOST, PIPELINE, instance, Map.of("level", "debug"));
  }

  @Test
  void layers_laterLayersWin_inTheOrderAStepListsThem() {
    StageEnvironment layers = layersOfBuild();

    assertThat(layers.layers())
        .containsExactly(
            Map.entry("PATH", "/usr/bin:/bin"),
            Map.entry("HOME", "/home/ci"),
            Map.entry("CI", "false"),
            Map.entry("CHENGIS_HOME", "/opt/chengis"),
            Map.entry("REGION", "pipeline"),
            Map.entry("MATRIX_OS", "linux"),
            Map.entry("PARAM_LEVEL", "debug"),
            Map.entry("TIER", "stage"),
            Map.entry("TAG", "${{ params.level }}"),
            Map.entry("NAME", "${{ steps.a.outputs.name }}"));
  }

  @Test
  void ownLayers_areTheLayersWithoutTheHost_asTheResultCacheFingerprintReadsThem() {
    StageInstance instance = StageInstance.expand(PIPELINE).getFirst();

    assertThat(StageEnvironment.ownLayers(PIPELINE, instance, Map.of("level", "debug")))
        .containsExactly(
            Map.entry("REGION", "pipeline"),
            Map.entry("TAG", "${{ params.level }}"),
            Map.entry("MATRIX_OS", "linux"),
            Map.entry("PARAM_LEVEL", "debug"),
            Map.entry("TIER", "stage"),
            Map.entry("NAME", "${{ steps.a.outputs.name }}"));
  }

  @Test
  void templated_namesOnlyTheValuesThatHoldAReference_unrendered() {
    assertThat(layersOfBuild().templated()).containsExactly("TAG", "NAME");
  }

  @Test
  void inherited_isTheHostsVariablesNoLayerSets_withoutTheEnginesOwn() {
    assertThat(layersOfBuild().inherited()).containsExactly("PATH", "HOME");
  }

  @Test
  void inheritedBy_leavesOutWhatTheStepSetsItself_andSharesTheSetWhenItSetsNothing() {
    StageEnvironment layers = layersOfBuild();

    assertThat(layers.inheritedBy(Map.of("HOME", "/root"))).containsExactly("PATH");
    assertThat(layers.inheritedBy(Map.of())).isSameAs(layers.inherited());
    assertThat(layers.inherited()).containsExactly("PATH", "HOME");
  }

  @Test
  void toString_namesTheVariables_neverTheirValues() {
    String text = layersOfBuild().toString();

    assertThat(text).contains("PATH", "REGION", "MATRIX_OS");
    assertThat(text).doesNotContain("/home/ci", "pipeline", "linux", "debug");
  }
}
