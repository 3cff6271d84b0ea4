package io.chengis.examples;

import static io.chengis.dsl.Containers.image;
import static io.chengis.dsl.Steps.compose;
import static io.chengis.dsl.Steps.container;
import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;
import io.chengis.api.PullPolicy;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinition;

/**
 * Runs everything in containers: a default image for the whole pipeline with a named volume that
 * keeps the Maven repository between builds, one step in a different image, and integration tests
 * against the services of a Compose file.
 */
public final class DockerPipeline implements PipelineDefinition {

  /** Creates the definition; it holds no state. */
  public DockerPipeline() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "docker-build",
        p ->
            p.description("Builds in containers: a pipeline image, a step image and Compose")
                .container(
                    image("maven:3.9-eclipse-temurin-21")
                        .cacheVolume("chengis-m2", "/root/.m2")
                        .pullPolicy(PullPolicy.IF_NOT_PRESENT))
                .stage("Build", s -> s.step("Package", shell("mvn -B -q package -DskipTests")))
                .stage(
                    "Lint",
                    s ->
                        s.step(
                            "Dockerfile",
                            container("hadolint/hadolint:latest-debian", "hadolint Dockerfile")))
                .stage(
                    "Integration",
                    s ->
                        s.step(
                            "Tests",
                            compose("app", "docker-compose.test.yml", "mvn -B verify -Pit"))));
  }
}
