package io.chengis.examples;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinition;

/**
 * Stages ordered by their dependencies instead of their position: unit and integration tests both
 * wait for the build and run at the same time; packaging waits for both.
 */
public final class DagPipeline implements PipelineDefinition {

  /** Creates the definition; it holds no state. */
  public DagPipeline() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "dag-build",
        p ->
            p.description("Build once, run both test suites concurrently, then package")
                .stage("Build", s -> s.step("Compile", shell("./mvnw -B -q compile")))
                .stage(
                    "Unit Tests",
                    s -> s.dependsOn("Build").step("Unit", shell("./mvnw -B -q test")))
                .stage(
                    "Integration Tests",
                    s ->
                        s.dependsOn("Build")
                            .step("Integration", shell("./mvnw -B -q verify -DskipUnitTests")))
                .stage(
                    "Package",
                    s ->
                        s.dependsOn("Unit Tests", "Integration Tests")
                            .step("Jar", shell("./mvnw -B -q package -DskipTests"))));
  }
}
