/**
 * The {@code chengis} command line: {@code chengis run} runs a pipeline on the engine with live
 * progress, JSON events for machines, and an exit code from the build's conclusion.
 *
 * @since 0.1.0
 */
module io.chengis.cli {
  requires io.chengis.engine;
  requires io.chengis.dsl;
  requires io.chengis.store;
  requires io.chengis.scm;
  requires info.picocli;
  requires org.snakeyaml.engine;
  requires static org.jspecify;

  exports io.chengis.cli;

  // picocli reads the command classes' annotations and sets their fields reflectively.
  opens io.chengis.cli.internal to
      info.picocli;

  uses io.chengis.dsl.PipelineDefinition;
}
