package io.chengis.examples;

import static io.chengis.dsl.Conditions.onBranch;
import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinition;

// README-BEGIN
/** The API's pipeline: verified on every branch, shipped from main. */
public final class ApiPipeline implements PipelineDefinition {

  /** Needed by ServiceLoader and PipelineDefinitions.load. */
  public ApiPipeline() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "api",
        p ->
            p.stage("verify", s -> s.step("test", shell("./mvnw -B verify")))
                .stage("deploy", s -> s.when(onBranch("main")).step("ship", shell("./deploy.sh"))));
  }
}
// README-END
