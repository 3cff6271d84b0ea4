package io.chengis.engine.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A step command simple enough to start without the shell: one program with plain words as its
 * arguments, which {@code sh -c} would run with exactly these arguments, in the same directory,
 * with the environment worked out here. Starting it directly saves the shell's exec and its fork of
 * the program, which is most of what a short step costs on top of its own process (GNU make takes
 * the same fast path for recipe lines).
 *
 * <p>A command qualifies only when every character of it is one no shell treats specially (letters,
 * digits and {@code -_./:,+@%=}, words separated by blanks), its first word is neither a reserved
 * word nor a shell builtin (which can differ from the program of the same name, as {@code echo}
 * does) nor an assignment, and that word names an executable file found the way the shell finds it:
 * through the step's {@code PATH}, all of whose entries must be absolute, or as a path when it
 * holds a slash. When the step's {@code PATH} is the JVM's own, the JVM's search at start is that
 * search (it tries each entry in turn, as the shell does), so it is not done twice; a program it
 * does not find fails to start, and {@link LocalProcess} then leaves the command to the shell.
 * {@code true} and {@code false} without arguments qualify, as their programs behave exactly as the
 * builtins do. Anything else (quotes, variables, globs, redirections, operators, comments, a
 * program not found) goes to the shell, which gives its own errors.
 *
 * <p>The environment is what a POSIX shell exports: names that are not shell identifiers are
 * dropped, and {@code IFS}, {@code OPTIND} and {@code PPID}, when present, get the values the shell
 * sets at start. {@code PWD} is left to {@link LocalProcess}, which gives the shell and the program
 * alike one naming the working directory, so the shell keeps it. Shells that export more of their
 * own (bash's {@code SHLVL}) are not imitated.
 *
 * @param argv the program and its arguments, ready for {@link ProcessBuilder}
 * @param parent the process id the shell would have seen as its parent
 */
record DirectCommand(List<String> argv, long parent) {

  /**
   * The JVM's {@code PATH}, which the JDK searches when it starts a program by name; it cannot
   * change while the JVM runs, so whether its entries are all absolute is worked out once.
   */
  private static final String JVM_PATH = System.getenv("PATH");

  private static final boolean JVM_PATH_ABSOLUTE =
      JVM_PATH != null && allAbsolute(JVM_PATH.split(":", -1));

  /** The shells whose {@code -c} this stands in for. */
  private static final Set<String> POSIX_SHELLS = Set.of("sh", "/bin/sh", "/usr/bin/sh");

  /** Programs whose builtin and program behave the same when given no arguments. */
  private static final Set<String> SAME_WITHOUT_ARGUMENTS = Set.of("true", "false");

  /** Reserved words and builtins of dash, bash and busybox ash: the shell runs these itself. */
  private static final Set<String> SHELL_WORDS =
      Set.of(
          // reserved words
          "!",
          "{",
          "}",
          "case",
          "do",
          "done",
          "elif",
          "else",
          "esac",
          "fi",
          "for",
          "function",
          "if",
          "in",
          "select",
          "then",
          "time",
          "until",
          "while",
          "[[",
          "]]",
          "coproc",
          // builtins
          ".",
          ":",
          "[",
          "alias",
          "bg",
          "bind",
          "break",
          "builtin",
          "caller",
          "cd",
          "chdir",
          "command",
          "compgen",
          "complete",
          "compopt",
          "continue",
          "declare",
          "dirs",
          "disown",
          "echo",
          "enable",
          "eval",
          "exec",
          "exit",
          "export",
          "false",
          "fc",
          "fg",
          "getopts",
          "hash",
          "help",
          "history",
          "jobs",
          "kill",
          "let",
          "local",
          "logout",
          "mapfile",
          "popd",
          "printf",
          "pushd",
          "pwd",
          "read",
          "readarray",
          "readonly",
          "return",
          "set",
          "shift",
          "shopt",
          "source",
          "suspend",
          "test",
          "times",
          "trap",
          "true",
          "type",
          "typeset",
          "ulimit",
          "umask",
          "unalias",
          "unset",
          "wait");

  /**
   * The command as a program to start directly, when it is simple enough.
   *
   * @param shell the shell the step would run ({@code sh -c command})
   * @param command the command text
   * @param environment the complete environment the shell would get
   * @param directory the working directory
   * @param parent the process id the shell would see as its parent
   * @return the program and environment, or empty when the shell must run the command
   */
  static Optional<DirectCommand> of(
      String shell, String command, Map<String, String> environment, Path directory, long parent) {
    if (!POSIX_SHELLS.contains(shell)) {
      return Optional.empty();
    }
    List<String> words = plainWords(command.strip());
    if (words.isEmpty()) {
      return Optional.empty();
    }
    String name = words.get(0);
    boolean sameAsBuiltin = SAME_WITHOUT_ARGUMENTS.contains(name) && words.size() == 1;
    if ((SHELL_WORDS.contains(name) && !sameAsBuiltin) || name.contains("=")) {
      return Optional.empty();
    }
    Optional<String> program = program(name, environment.get("PATH"), directory);
    if (program.isEmpty()) {
      return Optional.empty();
    }
    List<String> argv = new ArrayList<>(words);
    argv.set(0, program.get());
    return Optional.of(new DirectCommand(List.copyOf(argv), parent));
  }

  /**
   * The words of a stripped command, split at runs of blanks (spaces and tabs), when every other
   * character is one no shell treats specially; empty when the command is blank or has any other
   * character. Scanned by hand: every step's command passes here.
   */
  private static List<String> plainWords(String command) {
    List<String> words = new ArrayList<>(4);
    int start = -1;
    for (int i = 0; i <= command.length(); i++) {
      char c = i < command.length() ? command.charAt(i) : ' ';
      if (c == ' ' || c == '\t') {
        if (start >= 0) {
          words.add(command.substring(start, i));
          start = -1;
        }
      } else if (isPlain(c)) {
        if (start < 0) {
          start = i;
        }
      } else {
        return List.of();
      }
    }
    return words;
  }

  /** Whether no shell treats the character specially: {@code [A-Za-z0-9_./:,+@%=-]}. */
  private static boolean isPlain(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "_./:,+@%=-".indexOf(c) >= 0;
  }

  /**
   * The program to pass to {@link ProcessBuilder}: the word itself when the JVM's own search (its
   * {@code PATH}, or the working directory for a relative path) is the shell's, so that the program
   * sees the word as its name, as under the shell; otherwise the file found on the step's {@code
   * PATH}.
   */
  private static Optional<String> program(String name, String path, Path directory) {
    if (name.contains("/")) {
      return executable(directory.resolve(name).toFile()) ? Optional.of(name) : Optional.empty();
    }
    if (path == null || path.isEmpty()) {
      return Optional.empty();
    }
    if (path.equals(JVM_PATH)) {
      return JVM_PATH_ABSOLUTE ? Optional.of(name) : Optional.empty();
    }
    String[] entries = path.split(":", -1);
    if (!allAbsolute(entries)) {
      return Optional.empty();
    }
    for (String entry : entries) {
      File file = new File(entry, name);
      if (executable(file)) {
        return Optional.of(file.getPath());
      }
    }
    return Optional.empty();
  }

  private static boolean allAbsolute(String[] entries) {
    for (String entry : entries) {
      if (!entry.startsWith("/")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the file is a regular file this process may execute (symbolic links followed): one stat
   * and one access call, through {@link File} rather than the Path API's objects per check.
   */
  private static boolean executable(File file) {
    return file.isFile() && file.canExecute();
  }

  /**
   * Turns the environment a POSIX shell would be started with into the one it exports to its
   * commands, in place: the map is the one the process is started with, so nothing is copied.
   *
   * @param environment the shell's environment; becomes the program's
   */
  void export(Map<String, String> environment) {
    environment.keySet().removeIf(name -> !isIdentifier(name));
    environment.computeIfPresent("IFS", (key, value) -> " \t\n");
    environment.computeIfPresent("OPTIND", (key, value) -> "1");
    environment.computeIfPresent("PPID", (key, value) -> Long.toString(parent));
  }

  /**
   * Whether a variable name is a shell identifier ({@code [A-Za-z_][A-Za-z0-9_]*}); checked by hand
   * because every variable of every direct step passes here.
   */
  private static boolean isIdentifier(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }
}
