package io.chengis.dsl.format;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineSource;
import io.chengis.dsl.Chengis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin pipeline formats are asked first and called through the shared guard: a format that hangs
 * or throws is a problem at the file naming its class.
 */
class GuardedPipelineFormatsTest {
  @TempDir Path dir;

  /** Reads {@code *.pipe} files; how it behaves is up to the test. */
  abstract static class PipeFormat implements PipelineFormat {
    @Override
    public boolean accepts(String fileName) {
      return fileName.endsWith(".pipe");
    }
  }

  private Path file(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void pluginFormat_acceptingThePath_readsItAndBuiltInsStillReadTheirs() throws Exception {
    PipelineFormat pipe =
        new PipeFormat() {
          @Override
          public Pipeline parse(PipelineSource source) {
            return Chengis.pipeline(
                source.text().strip(), p -> p.stage("s", s -> s.step("b", shell("true"))));
          }
        };

    Pipeline read =
        PipelineFormats.parse(
            file("ci.pipe", "from-plugin\n"), List.of(pipe), Duration.ofSeconds(5));
    Pipeline builtIn =
        PipelineFormats.parse(
            file("chengis.yml", DetectionTest.CHENGIS_YML), List.of(pipe), Duration.ofSeconds(5));

    assertThat(read.name()).isEqualTo("from-plugin");
    assertThat(builtIn.name()).isEqualTo("from-chengis-yml");
  }

  @Test
  void pluginFormatThatHangs_parse_isAProblemAtTheFileAfterTheTimeout() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    PipelineFormat hanging =
        new PipeFormat() {
          @Override
          public Pipeline parse(PipelineSource source) {
            try {
              new CountDownLatch(1).await();
            } catch (InterruptedException e) {
              interrupted.countDown();
            }
            throw new IllegalStateException("abandoned");
          }
        };
    Path file = file("ci.pipe", "x");

    assertThatThrownBy(() -> PipelineFormats.parse(file, List.of(hanging), Duration.ofMillis(200)))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            "was not read: the pipeline format "
                + hanging.getClass().getName()
                + " (parse) did not finish within PT0.2S and was abandoned")
        .hasMessageContaining("report it to the plugin's authors, or remove the plugin");
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void pluginFormatThatThrowsAnErrorInAccepts_parse_isAProblemNamingItsClass() throws Exception {
    PipelineFormat broken =
        new PipelineFormat() {
          @Override
          public boolean accepts(String fileName) {
            throw new NoClassDefFoundError("org/yaml/Missing");
          }

          @Override
          public Pipeline parse(PipelineSource source) {
            throw new AssertionError("never asked");
          }
        };
    Path file = file("chengis.yml", "name: yaml\n");

    assertThatThrownBy(() -> PipelineFormats.parse(file, List.of(broken), Duration.ofSeconds(5)))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            "the pipeline format "
                + broken.getClass().getName()
                + " (accepts) failed: NoClassDefFoundError: org/yaml/Missing")
        .satisfies(failure -> assertThat(failure.getCause()).isNull());
  }

  @Test
  void pluginFormatReportingLocatedProblems_parse_passesThemOnUnchanged() throws Exception {
    PipelineDefinitionException located =
        new PipelineDefinitionException(
            "ci.pipe",
            List.of(
                Problem.of(
                    SourceLocation.of("ci.pipe", 3, 1), "stage", "has no steps", "x", "add one")));
    PipelineFormat strict =
        new PipeFormat() {
          @Override
          public Pipeline parse(PipelineSource source) {
            throw located;
          }
        };

    assertThatThrownBy(
            () ->
                PipelineFormats.parse(file("ci.pipe", "x"), List.of(strict), Duration.ofSeconds(5)))
        .isSameAs(located);
  }
}
