/**
 * Authoring Chengis pipelines: the Java DSL ({@link io.chengis.dsl.Chengis#pipeline}) and pipeline
 * definitions as plain Java classes ({@link io.chengis.dsl.PipelineDefinition}).
 *
 * @since 0.1.0
 */
module io.chengis.dsl {
  requires transitive io.chengis.api;
  requires static org.jspecify;

  exports io.chengis.dsl;
  exports io.chengis.dsl.expression;

  uses io.chengis.dsl.PipelineDefinition;
}
