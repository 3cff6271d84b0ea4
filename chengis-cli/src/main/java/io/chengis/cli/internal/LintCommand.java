package io.chengis.cli.internal;

import io.chengis.api.Condition;
import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.dsl.expression.ExpressionException;
import io.chengis.dsl.expression.IfCondition;
import io.chengis.dsl.expression.Templates;
import io.chengis.dsl.expression.Value;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chengis lint}: reads pipeline files and reports every problem of every file at once,
 * including {@code ${{ }}} expressions that do not parse, without running anything.
 */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = "Checks pipeline files and prints every problem with file:line:col.")
final class LintCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "pipeline files, or directories holding a Chengisfile, .chengis/workflow.yml,"
              + " chengis.yml or one .github/workflows/*.yml")
  List<Path> paths = List.of();

  @Option(names = "--json", description = "print each problem as one JSON object per line")
  boolean json;

  @CommandLine.Mixin PluginOptions plugins = new PluginOptions();

  /** Where the plugin trust allowlist is: the configured database. */
  private final DatabaseOptions database = new DatabaseOptions();

  /** Used by picocli. */
  LintCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Problem> problems = new ArrayList<>();
    for (Path path : paths) {
      Optional<Path> file;
      try {
        file = PipelineFiles.resolve(plugins, database, path);
      } catch (PipelineDefinitionException ambiguous) {
        problems.addAll(ambiguous.problems());
        continue;
      }
      if (file.isEmpty()) {
        problems.add(
            Problem.of(
                SourceLocation.of(path.toString(), 0),
                "directory",
                "holds no pipeline file",
                "name the file; tried "
                    + String.join(", ", PipelineFiles.candidates(plugins, database, path))));
        continue;
      }
      try {
        problems.addAll(expressionProblems(PipelineFiles.parse(plugins, database, file.get())));
      } catch (PipelineDefinitionException invalid) {
        problems.addAll(invalid.problems());
      }
    }
    for (Problem problem : problems) {
      out.println(json ? json(problem) : problem.message());
    }
    if (!json) {
      out.println(
          problems.isEmpty()
              ? "no problems in " + paths.size() + (paths.size() == 1 ? " file" : " files")
              : problems.size() + (problems.size() == 1 ? " problem" : " problems"));
    }
    out.flush();
    return problems.isEmpty() ? ExitCodes.SUCCESS : ExitCodes.FAILURE;
  }

  /** Expressions in conditions, commands and environment values that do not parse. */
  private static List<Problem> expressionProblems(Pipeline pipeline) {
    List<Problem> problems = new ArrayList<>();
    templates(problems, pipeline.location(), "pipeline env", pipeline.env());
    for (Stage stage : pipeline.stages()) {
      String subject = "stage \"" + stage.name() + "\"";
      condition(problems, stage.location(), subject, stage.condition());
      templates(problems, stage.location(), subject + " env", stage.env());
      templates(problems, stage.location(), subject + " output", stage.outputs());
      for (Step step : stage.steps()) {
        String stepSubject = subject + " step \"" + step.name() + "\"";
        condition(problems, step.location(), stepSubject, step.condition());
        templates(problems, step.location(), stepSubject + " env", step.env());
        if (step.action() instanceof StepAction.Shell shell) {
          templates(problems, step.location(), stepSubject, Map.of("command", shell.command()));
        }
      }
    }
    return problems;
  }

  private static void condition(
      List<Problem> problems, SourceLocation where, String subject, Condition condition) {
    if (condition instanceof Condition.Expression expression) {
      try {
        IfCondition.of(expression.source());
      } catch (ExpressionException broken) {
        problems.add(
            Problem.of(where, subject + " condition", "does not parse", broken.getMessage()));
      }
    }
  }

  private static void templates(
      List<Problem> problems, SourceLocation where, String subject, Map<String, String> values) {
    values.forEach(
        (name, value) -> {
          try {
            Templates.expressions(value);
          } catch (ExpressionException broken) {
            problems.add(
                Problem.of(where, subject + " " + name, "does not parse", broken.getMessage()));
          }
        });
  }

  private static String json(Problem problem) {
    SourceLocation where = problem.where();
    return "{\"file\": "
        + Value.of(where.file()).toJson()
        + ", \"line\": "
        + where.line()
        + ", \"column\": "
        + where.column()
        + ", \"message\": "
        + Value.of(problem.message()).toJson()
        + "}";
  }
}
