package io.chengis.dsl;

import io.chengis.api.Pipeline;

/**
 * A pipeline that lives in a plain Java class. Implementations need a public no-argument
 * constructor; they are found by class name ({@link PipelineDefinitions#load(String, ClassLoader)})
 * or through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/io.chengis.dsl.PipelineDefinition}, or {@code provides} in a module).
 *
 * <pre>{@code
 * public final class ApiPipeline implements PipelineDefinition {
 *   public Pipeline define() {
 *     return Chengis.pipeline("api", p -> p.stage("test", s -> s.step("mvn", shell("mvn verify"))));
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations should be stateless; {@link #define()} may be called more than once and from
 * any thread.
 *
 * @since 0.1.0
 */
public interface PipelineDefinition {

  /**
   * Describes the pipeline.
   *
   * @return the pipeline
   * @throws io.chengis.api.PipelineDefinitionException when the definition has problems
   */
  Pipeline define();
}
