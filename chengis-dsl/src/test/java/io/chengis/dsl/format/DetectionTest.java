package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionTest {
  static final String CHENGISFILE =
      "{:name \"from-edn\" :stages [{:name \"a\" :steps [{:name \"s\" :run \"true\"}]}]}";
  static final String WORKFLOW_YML =
      "name: from-workflow-yml\nstages:\n  - name: a\n    steps:\n      - name: s\n        run: 'true'\n";
  static final String CHENGIS_YML = WORKFLOW_YML.replace("from-workflow-yml", "from-chengis-yml");
  static final String GITHUB =
      "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: 'true'\n";

  @TempDir Path workspace;

  final Pipeline hostDefault =
      new Pipeline(
          "host-default",
          "",
          List.of(),
          java.util.Map.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(
              Stage.of("a", List.of(Step.of("s", new StepAction.Shell("true", Optional.empty()))))),
          io.chengis.api.PostActions.none(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Set.of(),
          io.chengis.api.SourceLocation.unknown());

  void write(String name, String text) throws IOException {
    Path file = workspace.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  String detected() {
    DetectedPipeline detected = PipelineFormats.detect(workspace, hostDefault);
    return detected.pipeline().name();
  }

  @Test
  void everyFile_detect_followsThePrecedenceDownToTheHostDefault() throws IOException {
    write(".github/workflows/ci.yml", GITHUB);
    write("chengis.yml", CHENGIS_YML);
    write(".chengis/workflow.yml", WORKFLOW_YML);
    write("Chengisfile", CHENGISFILE);

    assertThat(detected()).isEqualTo("from-edn");
    Files.delete(workspace.resolve("Chengisfile"));
    assertThat(detected()).isEqualTo("from-workflow-yml");
    Files.delete(workspace.resolve(".chengis/workflow.yml"));
    assertThat(detected()).isEqualTo("from-chengis-yml");
    Files.delete(workspace.resolve("chengis.yml"));
    assertThat(detected()).isEqualTo("ci");
    Files.delete(workspace.resolve(".github/workflows/ci.yml"));
    assertThat(detected()).isEqualTo("host-default");
  }

  @Test
  void detected_origin_namesTheFileOrTheHostDefault() throws IOException {
    assertThat(PipelineFormats.detect(workspace, hostDefault).origin())
        .isEqualTo("the host's default pipeline \"host-default\"");
    write("Chengisfile", CHENGISFILE);

    DetectedPipeline detected = PipelineFormats.detect(workspace);

    assertThat(detected.file()).contains(workspace.resolve("Chengisfile"));
    assertThat(detected.origin()).endsWith("/Chengisfile");
  }

  @Test
  void severalWorkflows_find_isAnErrorListingThem() throws IOException {
    write(".github/workflows/ci.yml", GITHUB);
    write(".github/workflows/release.yaml", GITHUB);

    assertThatThrownBy(() -> PipelineFormats.find(workspace))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            "holds several workflows and no Chengisfile, .chengis/workflow.yml or chengis.yml"
                + " (was [ci.yml, release.yaml]); name the one to run, e.g. chengis run ");
  }

  @Test
  void emptyDirectory_detectWithoutDefault_listsWhatWasTried() {
    assertThatThrownBy(() -> PipelineFormats.detect(workspace))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            "holds no pipeline file (was tried Chengisfile, .chengis/workflow.yml,"
                + " .chengis/workflow.yaml, chengis.yml, chengis.yaml, .github/workflows/*.yml|yaml);"
                + " add one of them, or name the pipeline file to run");
  }

  @Test
  void file_detect_readsThatFile() throws IOException {
    write("Chengisfile", CHENGISFILE);
    write("other.chengis.yml", CHENGIS_YML);

    assertThat(PipelineFormats.detect(workspace.resolve("other.chengis.yml")).pipeline().name())
        .isEqualTo("from-chengis-yml");
  }
}
