package io.chengis.dsl;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.dsl.internal.CallSite;
import java.util.function.Consumer;

/**
 * The entry point of the Java DSL.
 *
 * <pre>{@code
 * Pipeline api = Chengis.pipeline("api", p -> p
 *     .env("MAVEN_OPTS", "-Xmx1g")
 *     .stage("verify", s -> s.step("test", shell("./mvnw -B verify")).timeout(ofMinutes(20)))
 *     .stage("deploy", s -> s.when(onBranch("main")).step("ship", shell("./deploy.sh"))));
 * }</pre>
 *
 * <p>Thread-safe: every call works on its own builder.
 *
 * @since 0.1.0
 */
public final class Chengis {
  private Chengis() {}

  /**
   * Describes and builds a pipeline.
   *
   * @param name the pipeline (job) name: letters, digits, {@code .}, {@code _} and {@code -}
   * @param spec declares the pipeline's stages and settings
   * @return the immutable, checked pipeline
   * @throws PipelineDefinitionException listing every problem, each with the author's file and line
   */
  public static Pipeline pipeline(String name, Consumer<PipelineBuilder> spec) {
    PipelineBuilder builder = new PipelineBuilder(name, CallSite.capture());
    spec.accept(builder);
    return builder.build();
  }

  /**
   * Starts a pipeline builder for authors who prefer statements over one lambda; finish with {@link
   * PipelineBuilder#build()}.
   *
   * @param name the pipeline (job) name
   * @return a new builder
   */
  public static PipelineBuilder define(String name) {
    return new PipelineBuilder(name, CallSite.capture());
  }
}
