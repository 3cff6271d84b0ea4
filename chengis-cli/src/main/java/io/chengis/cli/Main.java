package io.chengis.cli;

import io.chengis.cli.internal.ChengisCommand;
import java.io.PrintWriter;

/**
 * The {@code chengis} command: {@code chengis run --class NAME} runs a pipeline and exits with a
 * code from the build's conclusion (0 success, 1 failure or timeout, 2 definition or usage error,
 * 130 cancelled by Ctrl-C).
 *
 * <p>Not thread-safe: one invocation at a time.
 *
 * @since 0.1.0
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the arguments, e.g. {@code run --class com.acme.ApiPipeline}
   */
  public static void main(String[] args) {
    System.exit(
        execute(
            new PrintWriter(System.out, true, System.out.charset()),
            new PrintWriter(System.err, true, System.err.charset()),
            args));
  }

  /**
   * Runs the command line in this JVM, writing to the given streams, and returns its exit code
   * instead of exiting.
   *
   * @param out where progress, results and help go
   * @param err where errors go
   * @param args the arguments
   * @return the exit code
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return ChengisCommand.commandLine(out, err).execute(args);
  }
}
