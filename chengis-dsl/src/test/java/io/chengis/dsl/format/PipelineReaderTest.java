package io.chengis.dsl.format;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.StepAction;
import io.chengis.api.spi.ActionMapper;
import io.chengis.api.spi.ActionUse;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineSource;
import io.chengis.dsl.Chengis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection and reading with plugin formats and action mappers: the precedence of the reader. */
class PipelineReaderTest {
  @TempDir Path workspace;

  /** Reads {@code *.pipe} files into a pipeline named by the file's text. */
  static final class PipeFormat implements PipelineFormat {
    @Override
    public boolean accepts(String fileName) {
      return fileName.endsWith(".pipe");
    }

    @Override
    public Pipeline parse(PipelineSource source) {
      return Chengis.pipeline(
          source.text().strip(), p -> p.stage("s", s -> s.step("b", shell("true"))));
    }
  }

  private final PipelineReader reader =
      PipelineReader.of(List.of(new PipeFormat()), List.of(), Duration.ofSeconds(5));

  private Path write(String name, String text) throws Exception {
    Path file = workspace.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void find_onlyAPluginFile_isFound() throws Exception {
    write("README.md", "docs\n");
    Path pipe = write("ci/release.pipe", "from-plugin\n");

    assertThat(reader.find(workspace)).contains(pipe);
    assertThat(reader.detect(workspace).pipeline().name()).isEqualTo("from-plugin");
  }

  @Test
  void find_aBuiltInFile_comesBeforeAPluginFile() throws Exception {
    write("a.pipe", "from-plugin\n");
    Path yaml = write("chengis.yml", DetectionTest.CHENGIS_YML);

    assertThat(reader.find(workspace)).contains(yaml);
  }

  @Test
  void find_filesDeeperThanTwoDirectoriesOrUnderGit_areNotOffered() throws Exception {
    write("a/b/c/deep.pipe", "too-deep\n");
    write(".git/hooks/x.pipe", "in-git\n");

    assertThat(reader.find(workspace)).isEmpty();
    assertThat(PipelineFormats.find(workspace)).isEmpty();
  }

  @Test
  void detect_nothingAnyFormatReads_fallsBackToTheHostDefault() throws Exception {
    write("notes.txt", "x\n");
    Pipeline fallback =
        Chengis.pipeline("host-default", p -> p.stage("s", s -> s.step("b", shell("true"))));

    DetectedPipeline found = reader.detect(workspace, fallback);

    assertThat(found.file()).isEmpty();
    assertThat(found.pipeline().name()).isEqualTo("host-default");
  }

  @Test
  void detect_nothingFound_listsThePluginFormatAmongTheCandidates() throws Exception {
    assertThatThrownBy(() -> reader.detect(workspace))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("holds no pipeline file")
        .hasMessageContaining("files the plugin format " + PipeFormat.class.getName() + " reads");
  }

  @Test
  void find_aPluginWhoseAcceptsHangs_isALocatedProblemNotAStuckCaller() throws Exception {
    write("a.txt", "x\n");
    PipelineFormat hanging =
        new PipelineFormat() {
          @Override
          public boolean accepts(String fileName) {
            try {
              new CountDownLatch(1).await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return false;
          }

          @Override
          public Pipeline parse(PipelineSource source) {
            throw new UnsupportedOperationException();
          }
        };
    PipelineReader stuck = PipelineReader.of(List.of(hanging), List.of(), Duration.ofMillis(200));

    assertThatThrownBy(() -> stuck.find(workspace))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("a.txt")
        .hasMessageContaining("did not finish within PT0.2S");
  }

  @Test
  void builtInFormatInstances_givenAsPlugins_areLeftOut() throws Exception {
    write("chengis.yml", DetectionTest.CHENGIS_YML);
    PipelineReader withBuiltIns =
        PipelineReader.of(
            List.of(PipelineFormats.chengisYaml(), PipelineFormats.githubActions()),
            List.of(),
            Duration.ofSeconds(5));

    assertThat(withBuiltIns.candidates()).isEqualTo(PipelineFormats.candidates());
  }

  @Test
  void parse_aWorkflow_usesTheGivenActionMappers() throws Exception {
    ActionMapper hello =
        new ActionMapper() {
          @Override
          public List<String> actions() {
            return List.of("acme/hello");
          }

          @Override
          public StepAction map(ActionUse use) {
            return shell("echo hello");
          }
        };
    Path workflow =
        write(
            ".github/workflows/ci.yml",
            "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: acme/hello@v1\n");

    Pipeline pipeline =
        PipelineReader.of(List.of(), List.of(hello), Duration.ofSeconds(5)).parse(workflow);

    assertThat(pipeline.stages().getFirst().steps().getFirst().action())
        .isEqualTo(shell("echo hello"));
    assertThatThrownBy(() -> PipelineReader.builtIn().parse(workflow))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("acme/hello");
  }
}
