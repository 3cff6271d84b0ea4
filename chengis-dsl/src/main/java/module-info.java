/**
 * Authoring Chengis pipelines: the Java DSL ({@link io.chengis.dsl.Chengis#pipeline}), pipeline
 * definitions as plain Java classes ({@link io.chengis.dsl.PipelineDefinition}) and pipeline files
 * in YAML ({@link io.chengis.dsl.format.PipelineFormats}).
 *
 * @since 0.1.0
 */
module io.chengis.dsl {
  requires transitive io.chengis.api;
  requires static org.jspecify;
  requires org.snakeyaml.engine;

  uses io.chengis.api.spi.ActionProvider;

  exports io.chengis.dsl;
  exports io.chengis.dsl.expression;
  exports io.chengis.dsl.format;

  uses io.chengis.dsl.PipelineDefinition;

  provides io.chengis.api.spi.PipelineFormatProvider with
      io.chengis.dsl.format.internal.ChengisfileFormatProvider,
      io.chengis.dsl.format.internal.ChengisYamlFormatProvider,
      io.chengis.dsl.format.internal.GithubActionsFormatProvider;
}
