package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.SecretRef;
import io.chengis.api.SourceLocation;
import io.chengis.api.SourceSpec;
import io.chengis.api.spi.PipelineSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code source:} of Chengis YAML: the same model as the Chengisfile's {@code :source}. */
class ChengisYamlSourceTest {
  static final String FILE = ".chengis/workflow.yml";

  static Pipeline read(String text) {
    return PipelineFormats.chengisYaml().parse(new PipelineSource(FILE, text));
  }

  @Test
  void everyKey_read_givesTheSourceWithItsFiltersAndPlace() {
    Pipeline pipeline =
        read(
            """
            name: api
            source:
              type: git
              url: https://github.com/acme/api.git
              branch: feature/x
              depth: 1
              submodules: true
              credentials: GIT_TOKEN
              paths: [services/api/**, libs/**]
              paths-ignore:
                - "**/*.md"
            stages:
              - name: build
                steps:
                  - name: compile
                    run: make
            """);

    assertThat(pipeline.source())
        .contains(
            new SourceSpec(
                "https://github.com/acme/api.git",
                Optional.of("feature/x"),
                1,
                true,
                Optional.of(SecretRef.of("GIT_TOKEN")),
                SourceLocation.of(FILE, 3, 3),
                List.of("services/api/**", "libs/**"),
                List.of("**/*.md")));
  }

  @Test
  void onlyUrl_read_usesTheDefaults() {
    Pipeline pipeline =
        read(
            """
            source:
              url: file:///srv/git/api.git
            stages:
              - name: build
                steps:
                  - {name: make, run: make}
            """);

    assertThat(pipeline.source())
        .contains(
            new SourceSpec(
                "file:///srv/git/api.git",
                Optional.empty(),
                0,
                false,
                Optional.empty(),
                SourceLocation.of(FILE, 2, 3)));
  }

  @Test
  void chengisfileAndYaml_sameSource_sameModelApartFromThePlace() {
    SourceSpec yaml =
        read("""
                source:
                  url: https://github.com/acme/api.git
                  branch: main
                  depth: 5
                  credentials: GIT_TOKEN
                stages:
                  - name: build
                    steps:
                      - {name: make, run: make}
                """)
            .source()
            .orElseThrow();
    SourceSpec edn =
        PipelineFormats.chengisfile()
            .parse(
                new PipelineSource(
                    "Chengisfile",
                    """
                    {:source {:url "https://github.com/acme/api.git" :branch "main" :depth 5
                              :credentials "GIT_TOKEN"}
                     :stages [{:name "build" :steps [{:name "make" :run "make"}]}]}
                    """))
            .source()
            .orElseThrow();

    assertThat(yaml).usingRecursiveComparison().ignoringFields("location").isEqualTo(edn);
  }

  @Test
  void mistakes_read_areLocatedProblemsAllAtOnce() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    name: api
                    source:
                      type: svn
                      branch: main
                      depth: deep
                      submodules: maybe
                      credentials: {token: abc123}
                      path: [a]
                    stages:
                      - name: build
                        steps:
                          - {name: make, run: make}
                    """))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessage(
            """
            pipeline "api" has 6 problems:
              .chengis/workflow.yml:8:3: source has unknown key "path"; did you mean "paths"? \
            allowed keys are: type, url, branch, depth, submodules, credentials, paths, paths-ignore, timeout
              .chengis/workflow.yml:3:9: source.type is not supported (was svn); write type: git
              .chengis/workflow.yml:5:10: source.depth must be a whole number of commits (was "deep"); \
            write depth: 1 for a shallow clone, or 0 for the full history
              .chengis/workflow.yml:6:15: source.submodules must be true or false (was "maybe"); write true or false
              .chengis/workflow.yml:7:16: source.credentials must name a secret, not hold one (was a mapping); \
            store the token or SSH key as a secret and write credentials: GIT_TOKEN
              .chengis/workflow.yml:3:3: source has no url; add url: https://github.com/acme/api.git""");
  }

  @Test
  void credentialsLiteral_read_neverShowsTheValue() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    source:
                      url: https://github.com/acme/api.git
                      credentials: ghp_s3cr3t token
                    stages:
                      - name: build
                        steps:
                          - {name: make, run: make}
                    """))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("source.credentials must name a secret")
        .message()
        .doesNotContain("ghp_s3cr3t");
  }
}
