package io.chengis.examples;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinition;

/**
 * Builds and tests on every operating system and JDK, except the one pairing that is not supported.
 * Each stage runs once per combination, named like {@code Build [os=linux, jdk=21]}, and sees
 * {@code MATRIX_OS} and {@code MATRIX_JDK}.
 */
public final class MatrixBuildPipeline implements PipelineDefinition {

  /** Creates the definition; it holds no state. */
  public MatrixBuildPipeline() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "matrix-build",
        p ->
            p.description("Builds and tests on two operating systems and two JDKs")
                .matrix(
                    m ->
                        m.axis("os", "linux", "macos")
                            .axis("jdk", "17", "21")
                            .exclude("os", "macos", "jdk", "17"))
                .stage(
                    "Build",
                    s ->
                        s.step(
                            "Compile",
                            shell("echo \"Compiling on $MATRIX_OS with JDK $MATRIX_JDK\"")))
                .stage(
                    "Test",
                    s ->
                        s.step(
                            "Unit tests",
                            shell("echo \"Testing on $MATRIX_OS with JDK $MATRIX_JDK\""))));
  }
}
