package io.chengis.dsl.format;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.SourceLocation;
import io.chengis.api.SourceSpec;
import io.chengis.api.spi.PipelineSource;
import io.chengis.dsl.Chengis;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A source's own checkout timeout, from the DSL, Chengis YAML and the Chengisfile. */
class SourceTimeoutTest {
  private static Pipeline yaml(String timeout) {
    return PipelineFormats.chengisYaml()
        .parse(
            new PipelineSource(
                "chengis.yml",
                """
                name: api
                source:
                  url: https://github.com/acme/api.git
                  timeout: %s
                stages:
                  - name: build
                    steps:
                      - {name: make, run: make}
                """
                    .formatted(timeout)));
  }

  private static Pipeline chengisfile(String timeout) {
    return PipelineFormats.chengisfile()
        .parse(
            new PipelineSource(
                "Chengisfile",
                """
                {:source {:url "https://github.com/acme/api.git" :timeout %s}
                 :stages [{:name "build" :steps [{:name "make" :run "make"}]}]}
                """
                    .formatted(timeout)));
  }

  @Test
  void dsl_timeout_isKeptOnTheSource() {
    Pipeline pipeline =
        Chengis.pipeline(
            "api",
            p ->
                p.source(
                        "https://github.com/acme/api.git",
                        git -> git.timeout(Duration.ofMinutes(30)))
                    .stage("build", s -> s.step("make", shell("make"))));

    assertThat(pipeline.source().flatMap(SourceSpec::timeout)).contains(Duration.ofMinutes(30));
  }

  @Test
  void dsl_noTimeout_leavesTheEnginesTimeout() {
    Pipeline pipeline =
        Chengis.pipeline(
            "api",
            p ->
                p.source("https://github.com/acme/api.git")
                    .stage("build", s -> s.step("make", shell("make"))));

    assertThat(pipeline.source().orElseThrow().timeout()).isEmpty();
  }

  @Test
  void dsl_nonPositiveTimeout_isRefusedWithTheFix() {
    assertThatThrownBy(
            () ->
                Chengis.pipeline(
                    "api",
                    p ->
                        p.source(
                                "https://github.com/acme/api.git",
                                git -> git.timeout(Duration.ZERO))
                            .stage("build", s -> s.step("make", shell("make")))))
        .hasMessageContaining("source timeout must be positive (was PT0S)");
  }

  @Test
  void yaml_timeout_isInMinutes() {
    assertThat(yaml("45").source().orElseThrow())
        .isEqualTo(
            new SourceSpec(
                "https://github.com/acme/api.git",
                Optional.empty(),
                0,
                false,
                Optional.empty(),
                SourceLocation.of("chengis.yml", 3, 3),
                List.of(),
                List.of(),
                Optional.of(Duration.ofMinutes(45))));
  }

  @Test
  void yaml_badTimeout_isALocatedProblem() {
    assertThatThrownBy(() -> yaml("soon"))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("chengis.yml:4:12: source timeout")
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> yaml("0"))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("chengis.yml:4:12: source timeout");
  }

  @Test
  void chengisfile_timeout_isInMilliseconds() {
    assertThat(chengisfile("90000").source().flatMap(SourceSpec::timeout))
        .contains(Duration.ofSeconds(90));
  }

  @Test
  void chengisfile_badTimeout_isALocatedProblem() {
    assertThatThrownBy(() -> chengisfile("\"soon\""))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("Chengisfile:1:")
        .hasMessageContaining(":source :timeout")
        .hasMessageContaining("soon");
  }

  @Test
  void sourceSpec_withRefAndWithPaths_keepTheTimeout() {
    SourceSpec source =
        new SourceSpec(
                "https://github.com/acme/api.git",
                Optional.empty(),
                0,
                false,
                Optional.empty(),
                SourceLocation.of("chengis.yml", 3, 3))
            .withTimeout(Duration.ofMinutes(5));

    assertThat(source.withRef("main").withPaths(List.of("a/**"), List.of()).timeout())
        .contains(Duration.ofMinutes(5));
  }
}
