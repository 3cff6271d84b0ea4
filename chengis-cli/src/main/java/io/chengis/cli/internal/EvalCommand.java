package io.chengis.cli.internal;

import io.chengis.dsl.expression.Contexts;
import io.chengis.dsl.expression.Expression;
import io.chengis.dsl.expression.ExpressionException;
import io.chengis.dsl.expression.Value;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chengis eval}: evaluates one {@code ${{ }}} expression, a debugging aid for authors. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluates an expression (the text inside ${{ }}) and prints its value.")
final class EvalCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();

  @Parameters(index = "0", paramLabel = "EXPR", description = "the expression, e.g. \"1 == '1'\"")
  String expression = "";

  @Option(
      names = "--context",
      paramLabel = "FILE",
      description = "a JSON object whose top-level keys are context names (env, matrix, github...)")
  Path contextFile;

  @Option(names = "--json", description = "print {\"kind\", \"value\"} or {\"error\"} as JSON")
  boolean json;

  /** Used by picocli. */
  EvalCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Contexts contexts;
    try {
      contexts =
          contextFile == null ? Contexts.empty() : Contexts.fromJson(Files.readString(contextFile));
    } catch (IOException unreadable) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "cannot read the context file "
              + contextFile
              + " ("
              + unreadable.getMessage()
              + "); give a readable JSON file");
    } catch (ExpressionException badContext) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "context file " + contextFile + ": " + badContext.getMessage());
    }
    try {
      Value value = Expression.parse(expression).evaluate(contexts);
      out.println(
          json
              ? "{\"kind\": \"" + value.typeName() + "\", \"value\": " + compact(value) + "}"
              : text(value));
      out.flush();
      return ExitCodes.SUCCESS;
    } catch (ExpressionException failed) {
      if (json) {
        out.println(
            "{\"error\": {\"kind\": \""
                + failed.kind().label()
                + "\", \"message\": "
                + Value.of(failed.getMessage()).toJson()
                + ", \"position\": "
                + failed.position()
                + "}}");
        out.flush();
      } else {
        PrintWriter err = spec.commandLine().getErr();
        err.println(failed.getMessage());
        err.flush();
      }
      return ExitCodes.FAILURE;
    }
  }

  /** Strings print as themselves, everything else as JSON. */
  private static String text(Value value) {
    return value instanceof Value.Str string ? string.asString() : value.toJson();
  }

  /** The value's JSON on one line, so that each result is one line of output. */
  private static String compact(Value value) {
    return value.toJson().replaceAll("\\n\\s*", "");
  }
}
