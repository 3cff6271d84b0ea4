package io.chengis.cli.internal;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Stage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chengis graph}: the stage graph of a pipeline file as Mermaid, DOT or a text tree. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = "Prints the stage graph of a pipeline file.")
final class GraphCommand implements Callable<Integer> {
  /** The output notations. */
  enum Format {
    MERMAID,
    DOT,
    TEXT
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @Parameters(index = "0", paramLabel = "PATH", description = "a pipeline file or directory")
  Path path = Path.of(".");

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "mermaid, dot or text (default: ${DEFAULT-VALUE})")
  Format format = Format.TEXT;

  @CommandLine.Mixin PluginOptions plugins = new PluginOptions();

  /** Where the plugin trust allowlist is: the configured database. */
  private final DatabaseOptions database = new DatabaseOptions();

  /** Used by picocli. */
  GraphCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Pipeline pipeline;
    try {
      pipeline =
          PipelineFiles.parse(
              plugins,
              database,
              PipelineFiles.resolve(plugins, database, path)
                  .orElseThrow(
                      () ->
                          new CommandLine.ParameterException(
                              spec.commandLine(), PipelineFiles.noneIn(plugins, database, path))));
    } catch (PipelineDefinitionException invalid) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(invalid.getMessage());
      err.flush();
      return ExitCodes.DEFINITION_OR_USAGE;
    }
    out.print(render(pipeline, format));
    out.flush();
    return ExitCodes.SUCCESS;
  }

  /** Each stage with the stages it waits for (the previous one when the pipeline is not a DAG). */
  static Map<String, List<String>> edges(Pipeline pipeline) {
    Map<String, List<String>> waitsFor = new LinkedHashMap<>();
    String previous = null;
    for (Stage stage : pipeline.stages()) {
      List<String> before = new ArrayList<>();
      if (pipeline.isDag()) {
        before.addAll(stage.dependsOn());
      } else if (previous != null) {
        before.add(previous);
      }
      waitsFor.put(stage.name(), before);
      previous = stage.name();
    }
    return waitsFor;
  }

  static String render(Pipeline pipeline, Format format) {
    Map<String, List<String>> edges = edges(pipeline);
    List<String> names = new ArrayList<>(edges.keySet());
    StringBuilder text = new StringBuilder();
    switch (format) {
      case MERMAID -> {
        text.append("flowchart LR\n");
        for (int i = 0; i < names.size(); i++) {
          text.append("  s").append(i).append("[\"").append(mermaid(names.get(i))).append("\"]\n");
        }
        edges.forEach(
            (stage, before) ->
                before.forEach(
                    dependency ->
                        text.append("  s")
                            .append(names.indexOf(dependency))
                            .append(" --> s")
                            .append(names.indexOf(stage))
                            .append('\n')));
      }
      case DOT -> {
        text.append("digraph ").append(dot(pipeline.name())).append(" {\n  rankdir=LR;\n");
        names.forEach(name -> text.append("  ").append(dot(name)).append(";\n"));
        edges.forEach(
            (stage, before) ->
                before.forEach(
                    dependency ->
                        text.append("  ")
                            .append(dot(dependency))
                            .append(" -> ")
                            .append(dot(stage))
                            .append(";\n")));
        text.append("}\n");
      }
      case TEXT -> {
        text.append(pipeline.name()).append('\n');
        edges.forEach(
            (stage, before) -> {
              text.append("  ").append(stage);
              if (!before.isEmpty()) {
                text.append("  <- ").append(String.join(", ", before));
              }
              text.append('\n');
            });
      }
    }
    return text.toString();
  }

  private static String mermaid(String label) {
    return label.replace("\"", "#quot;");
  }

  private static String dot(String id) {
    return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
