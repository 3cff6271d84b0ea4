package io.chengis.cli.internal;

import io.chengis.api.Conclusion;

/** The CLI's exit codes; README "Command line" and docs/decisions.md list the same. */
final class ExitCodes {
  /** The build succeeded (allowed failures included). */
  static final int SUCCESS = 0;

  /** The build failed or timed out. */
  static final int FAILURE = 1;

  /** The pipeline could not be loaded or defined, or the command line or parameters are wrong. */
  static final int DEFINITION_OR_USAGE = 2;

  /** Ctrl-C (SIGINT) cancelled the build; 128 + signal 2, as shells report it. */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /**
   * The exit code for a finished build.
   *
   * @param conclusion the build's conclusion
   * @param interrupted whether Ctrl-C cancelled it; wins over the conclusion, like in a shell
   */
  static int of(Conclusion conclusion, boolean interrupted) {
    if (interrupted) {
      return INTERRUPTED;
    }
    return switch (conclusion) {
      case SUCCESS, SKIPPED -> SUCCESS;
      case FAILURE, TIMED_OUT -> FAILURE;
      // Only a signal cancels a CLI build; SIGTERM makes the JVM exit 143 whatever we return.
      case CANCELLED -> INTERRUPTED;
    };
  }
}
