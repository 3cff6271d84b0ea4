package io.chengis.dsl;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;

/** A pipeline definition class, registered in {@code META-INF/services} for discovery tests. */
public final class SampleDefinition implements PipelineDefinition {
  /** Creates the definition, as {@code PipelineDefinitions} does reflectively. */
  public SampleDefinition() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "sample", p -> p.stage("build", s -> s.step("compile", shell("./mvnw -B verify"))));
  }
}
