package io.chengis.examples;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinition;

/** The smallest useful pipeline: a greeting, two tests run side by side, and a closing step. */
public final class HelloWorldPipeline implements PipelineDefinition {

  /** Creates the definition; it holds no state. */
  public HelloWorldPipeline() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "hello-world",
        p ->
            p.description("Hello world: a greeting, two tests in parallel, a final message")
                .stage("Hello", s -> s.step("Greet", shell("echo 'Hello from Chengis!'")))
                .stage(
                    "Test",
                    s ->
                        s.parallel()
                            .step("Fast", shell("echo 'fast test' && sleep 0.5"))
                            .step("Slow", shell("echo 'slow test' && sleep 1")))
                .stage("Done", s -> s.step("Finish", shell("echo 'Build complete!'"))));
  }
}
