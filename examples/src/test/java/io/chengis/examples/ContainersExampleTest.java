package io.chengis.examples;

import static io.chengis.dsl.Containers.image;
import static io.chengis.dsl.Steps.compose;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import io.chengis.api.StepAction;
import io.chengis.docker.DockerExecutor;
import io.chengis.docker.ImagePolicy;
import io.chengis.dsl.Chengis;
import io.chengis.engine.ChengisEngine;
import org.junit.jupiter.api.Test;

/** The container code shown in README.md; {@link ReadmeTest} keeps the README equal to it. */
class ContainersExampleTest {

  /** Compiled so that the README's wiring stays true; running it needs a container engine. */
  static ChengisEngine wire() {
    // README-BEGIN
    DockerExecutor docker =
        DockerExecutor.builder()
            .imagePolicy(
                ImagePolicy.builder().allow("registry.example.com/**", 10).deny("**", 0).build())
            .build();
    ChengisEngine engine =
        ChengisEngine.builder().executor("container", docker).executor("compose", docker).build();
    // README-END
    return engine;
  }

  @Test
  void containersExample_declaresAContainerAServiceAndACompose() {
    // README-BEGIN
    Pipeline api =
        Chengis.pipeline(
            "api",
            p ->
                p.container(image("registry.example.com/maven:3.9").cacheVolume("m2", "/root/.m2"))
                    .stage(
                        "it",
                        s ->
                            s.service(
                                    "db",
                                    image("registry.example.com/postgres:17")
                                        .env("POSTGRES_PASSWORD", "test"))
                                .step("verify", shell("./mvnw -B verify -Ddb.host=db")))
                    .stage(
                        "e2e", s -> s.step("e2e", compose("app", "ci/compose.yml", "./e2e.sh"))));
    // README-END

    Stage it = api.stages().get(0);
    assertThat(api.container().orElseThrow().cacheVolumes()).containsEntry("m2", "/root/.m2");
    assertThat(it.services())
        .singleElement()
        .satisfies(db -> assertThat(db.name()).isEqualTo("db"));
    assertThat(api.stages().get(1).steps().get(0).action())
        .isEqualTo(new StepAction.Compose("app", "ci/compose.yml", "./e2e.sh"));
  }
}
