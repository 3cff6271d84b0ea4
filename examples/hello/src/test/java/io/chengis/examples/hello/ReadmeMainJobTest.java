package io.chengis.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Matrix;
import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README's main job honest: its command runs this pipeline, its sample output fits. */
class ReadmeMainJobTest {
  private static final Path ROOT = Path.of("../..");
  private static final Pattern STEP_LINE = Pattern.compile("^\\[(.+)] (.+?) \\.\\.\\. (.+)$");

  @Test
  void readme_mainJobCommand_runsHelloPipelineWithTheLauncher() throws IOException {
    assertThat(readme())
        .contains("```shell\n./chengis run --class " + HelloPipeline.class.getName() + "\n```");
    assertThat(Files.isExecutable(ROOT.resolve("chengis"))).isTrue();
  }

  @Test
  void readme_mainJobOutput_namesEveryStepOfThePipelineOnce() throws IOException {
    String readme = readme();
    int start = readme.indexOf("```text\nBuild hello #1 (");
    assertThat(start).as("the main job's sample output").isNotNegative();
    String sample = readme.substring(start, readme.indexOf("```\n", start + 8));

    Set<String> shown = new HashSet<>();
    for (String line : sample.split("\n")) {
      Matcher step = STEP_LINE.matcher(line);
      if (step.matches()) {
        assertThat(shown.add(step.group(1) + " / " + step.group(2))).as(line).isTrue();
      }
    }

    assertThat(shown).containsExactlyInAnyOrderElementsOf(expectedSteps());
    assertThat(sample).contains("SUCCESS hello #1 in ").contains("2 allowed failures:");
  }

  private static Set<String> expectedSteps() {
    Pipeline pipeline = new HelloPipeline().define();
    Set<String> steps = new HashSet<>();
    List<Map<String, String>> combinations = pipeline.matrix().orElseThrow().combinations();
    for (Stage stage : pipeline.stages()) {
      for (Map<String, String> combination : combinations) {
        for (Step step : stage.steps()) {
          steps.add(Matrix.stageName(stage.name(), combination) + " / " + step.name());
        }
      }
    }
    pipeline.post().always().forEach(step -> steps.add("post / " + step.name()));
    return steps;
  }

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md")).replace("\r\n", "\n");
  }
}
