package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.ServiceSpec;
import io.chengis.api.SourceLocation;
import io.chengis.api.spi.PipelineSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicesFormatTest {
  private static final String FILE = ".github/workflows/it.yml";

  @Test
  void jobServices_becomeStageServices_withTheirOwnEnvironment() {
    Pipeline pipeline =
        PipelineFormats.githubActions()
            .parse(
                new PipelineSource(
                    FILE,
                    """
                    on: push
                    jobs:
                      it:
                        runs-on: ubuntu-latest
                        container: maven:3.9
                        services:
                          postgres:
                            image: postgres:17
                            env:
                              POSTGRES_PASSWORD: test
                            ports: ["5432:5432"]
                            options: --health-cmd pg_isready
                          redis: redis:7
                        steps:
                          - run: ./mvnw -B verify -Ddb.host=postgres
                    """));

    assertThat(pipeline.stages().get(0).services())
        .extracting(ServiceSpec::name, s -> s.container().image(), s -> s.container().env())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "postgres", "postgres:17", Map.of("POSTGRES_PASSWORD", "test")),
            org.assertj.core.groups.Tuple.tuple("redis", "redis:7", Map.of()));
    ServiceSpec postgres = pipeline.stages().get(0).services().get(0);
    assertThat(postgres.container().extraArgs()).containsExactly("--health-cmd", "pg_isready");
    assertThat(postgres.location()).isEqualTo(SourceLocation.of(FILE, 7, 7));
    assertThat(pipeline.stages().get(0).env()).isEmpty();
  }

  @Test
  void jobServices_withAnInvalidName_orNoImage_areLocatedProblems() {
    assertThatThrownBy(
            () ->
                PipelineFormats.githubActions()
                    .parse(
                        new PipelineSource(
                            FILE,
                            """
                            on: push
                            jobs:
                              it:
                                runs-on: ubuntu-latest
                                services:
                                  My_DB:
                                    image: postgres:17
                                steps:
                                  - run: make
                            """)))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            FILE
                + ":6:7: stage \"it\" service \"My_DB\" name is not a valid host name (was"
                + " \"My_DB\")")
        .hasMessageNotContaining("cache");
    assertThatThrownBy(
            () ->
                PipelineFormats.githubActions()
                    .parse(
                        new PipelineSource(
                            FILE,
                            """
                            on: push
                            jobs:
                              it:
                                runs-on: ubuntu-latest
                                services:
                                  cache:
                                    env: {A: b}
                                steps:
                                  - run: make
                            """)))
        .hasMessageContaining(FILE + ":7:9: job \"it\" service \"cache\" has no image");
  }

  @Test
  void chengisYamlStageServices_becomeStageServices_withCommandAndOptions() {
    Pipeline pipeline =
        PipelineFormats.chengisYaml()
            .parse(
                new PipelineSource(
                    ".chengis/workflow.yml",
                    """
                    name: it
                    stages:
                      - name: test
                        container: maven:3.9
                        services:
                          db:
                            image: postgres:17
                            env: {POSTGRES_PASSWORD: test}
                            options: --health-cmd pg_isready
                            command: [postgres, -c, fsync=off]
                        steps:
                          - name: verify
                            run: ./mvnw -B verify -Ddb.host=db
                    """));

    ServiceSpec db = pipeline.stages().get(0).services().get(0);
    assertThat(db.name()).isEqualTo("db");
    assertThat(db.command()).containsExactly("postgres", "-c", "fsync=off");
    assertThat(db.container().env()).containsExactly(Map.entry("POSTGRES_PASSWORD", "test"));
    assertThat(db.container().extraArgs()).containsExactly("--health-cmd", "pg_isready");
    assertThat(pipeline.stages().get(0).env()).isEmpty();
  }
}
