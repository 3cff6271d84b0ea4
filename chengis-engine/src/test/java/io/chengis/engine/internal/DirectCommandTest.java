package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shell-free fast path: which commands take it, and that a command run that way sees what it
 * would have seen under {@code sh -c} (program, arguments, directory, environment, errors).
 */
class DirectCommandTest {
  private static final String PATH = System.getenv("PATH");
  private static final long PARENT = ProcessHandle.current().pid();

  @TempDir Path workspace;

  private final Map<String, String> environment = new LinkedHashMap<>();

  @BeforeEach
  void environment() {
    environment.put("PATH", PATH);
    environment.put("GREETING", "hello");
  }

  private Optional<DirectCommand> direct(String command) {
    return DirectCommand.of("sh", command, environment, workspace, PARENT);
  }

  /** What the direct command's program gets: the shell's environment, exported. */
  private Map<String, String> exported(DirectCommand direct) {
    Map<String, String> exported = new LinkedHashMap<>(environment);
    direct.export(exported);
    return exported;
  }

  @Test
  void of_programWithPlainArguments_runsItWithTheseArguments() {
    assertThat(direct("  ls -la\t/tmp a,b x+y@z%1 -Dkey=v:w ").map(DirectCommand::argv))
        .contains(List.of("ls", "-la", "/tmp", "a,b", "x+y@z%1", "-Dkey=v:w"));
    assertThat(direct("true").map(DirectCommand::argv)).contains(List.of("true"));
    assertThat(direct("false").map(DirectCommand::argv)).contains(List.of("false"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ls $GREETING",
        "ls ${GREETING}",
        "ls *.txt",
        "ls a?",
        "ls [ab]",
        "ls 'a b'",
        "ls \"a\"",
        "ls a\\ b",
        "ls; ls",
        "ls | cat",
        "ls > out",
        "ls < in",
        "ls &",
        "ls && ls",
        "ls # comment",
        "ls ~",
        "ls `pwd`",
        "ls $(pwd)",
        "ls (a)",
        "ls {a,b}",
        "ls !x",
        "ls ^x",
        "ls\nls",
        "ls \u00e9",
        "FOO=1 ls",
        "echo hi",
        "printf x",
        "cd /tmp",
        "exec ls",
        "test -f x",
        "[ -f x ]",
        "kill 1",
        "pwd",
        "true x",
        "false --help",
        "if",
        ". ./env.sh",
        "./missing.sh",
        "",
        "   "
      })
  void of_commandTheShellMustRun_isLeftToTheShell(String command) {
    assertThat(direct(command)).isEmpty();
  }

  @Test
  void of_anotherShell_isLeftToIt() {
    assertThat(DirectCommand.of("bash", "ls", environment, workspace, PARENT)).isEmpty();
    assertThat(DirectCommand.of("/bin/sh", "ls", environment, workspace, PARENT)).isPresent();
  }

  @Test
  void of_pathWithARelativeOrEmptyEntry_isLeftToTheShell() {
    environment.put("PATH", "bin:" + PATH);
    assertThat(direct("ls")).isEmpty();
    environment.put("PATH", PATH + "::/opt");
    assertThat(direct("ls")).isEmpty();
    environment.remove("PATH");
    assertThat(direct("ls")).isEmpty();
  }

  @Test
  void of_pathOtherThanTheJvms_namesTheProgramByTheFileFoundThere() throws Exception {
    Path bin = Files.createDirectories(workspace.resolve("tools"));
    Path tool = executable(bin.resolve("tool"), "#!/bin/sh\necho tool\n");
    environment.put("PATH", bin + ":" + PATH);

    assertThat(direct("tool arg").map(DirectCommand::argv))
        .contains(List.of(tool.toString(), "arg"));
  }

  @Test
  void of_environment_isWhatAPosixShellExports() throws Exception {
    variablesAShellChanges();

    Map<String, String> exported = exported(direct("ls").orElseThrow());

    assertThat(exported)
        .containsEntry("GREETING", "hello")
        .containsEntry("IFS", " \t\n")
        .containsEntry("OPTIND", "1")
        .containsEntry("PPID", Long.toString(PARENT))
        .doesNotContainKeys("A.B", "1A");
  }

  @Test
  void of_environment_keepsIdentifiersOnly() {
    environment.put("_A1", "kept");
    environment.put("A-B", "dropped");
    environment.put("", "dropped");

    Map<String, String> exported = exported(direct("ls").orElseThrow());

    assertThat(exported).containsEntry("_A1", "kept").doesNotContainKeys("A-B", "");
  }

  @Test
  void of_programOnTheJvmsPath_isLeftToTheJvmsSearch() {
    assertThat(direct("no-such-program-anywhere").map(DirectCommand::argv))
        .contains(List.of("no-such-program-anywhere"));
  }

  @Test
  void of_programMissingFromAnotherPath_isLeftToTheShell() throws Exception {
    environment.put("PATH", Files.createDirectories(workspace.resolve("empty")) + ":" + PATH);
    assertThat(direct("no-such-program-anywhere")).isEmpty();
  }

  /** Names a shell does not export, variables it sets at start, and a stale working directory. */
  private void variablesAShellChanges() {
    environment.put("A.B", "dropped");
    environment.put("1A", "dropped");
    environment.put("IFS", "x");
    environment.put("OPTIND", "5");
    environment.put("PPID", "1");
    environment.put("PWD", "/");
  }

  /**
   * Any command whose words hold a character a shell treats specially is left to the shell, and a
   * command run directly is exactly its blank-separated words.
   */
  @Property(tries = 500)
  void of_anyCommand_directOnlyWhenEveryWordIsPlain(@ForAll("commands") String command) {
    Optional<DirectCommand> direct = direct(command);
    List<String> words = List.of(command.strip().split("[ \t]+"));
    boolean plain =
        !command.isBlank()
            && words.stream().allMatch(word -> Pattern.matches("[A-Za-z0-9_./:,+@%=\\-]+", word));
    if (!plain) {
      assertThat(direct).isEmpty();
    }
    direct.ifPresent(
        found -> {
          assertThat(found.argv().subList(1, found.argv().size()))
              .isEqualTo(words.subList(1, words.size()));
          assertThat(found.argv().get(0)).isEqualTo(words.get(0));
        });
  }

  @Provide
  Arbitrary<String> commands() {
    Arbitrary<String> program = Arbitraries.of("ls", "cat", "env", "true", "sleep", "echo", "nope");
    Arbitrary<String> word =
        Arbitraries.strings()
            .withChars("abz09_./:,+@%=-")
            .withChars("$*?[]'\"\\;|&<>()`~#!{}^\n\u00e9")
            .ofMinLength(1)
            .ofMaxLength(6);
    Arbitrary<String> blank = Arbitraries.of(" ", "\t", "  ");
    return Arbitraries.lazy(
        () ->
            program.flatMap(
                first ->
                    net.jqwik.api.Combinators.combine(word, blank)
                        .as((w, b) -> b + w)
                        .list()
                        .ofMaxSize(4)
                        .map(rest -> first + String.join("", rest))));
  }

  /** Runs a command through {@link LocalProcess} and returns its exit code and lines. */
  private Ran run(String shell, String command, Path directory) throws Exception {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    LocalProcess process =
        LocalProcess.start(
            shell,
            command,
            directory,
            environment,
            new SecretMasker(),
            InstantSource.system(),
            LocalProcess.OutputCapture.lines(
                (stderr, at, text) -> lines.add((stderr ? "err: " : "out: ") + text)));
    Optional<Integer> exit = process.waitFor(Duration.ofSeconds(30));
    assertThat(exit).as("exit of %s", command).isPresent();
    return new Ran(exit.get(), List.copyOf(lines));
  }

  private record Ran(int exit, List<String> lines) {
    Ran sortedWithout(String prefix) {
      return new Ran(
          exit, lines.stream().filter(line -> !line.startsWith(prefix)).sorted().toList());
    }
  }

  /** The system shell under a name the fast path does not know: always {@code shell -c}. */
  private Path shellItself() throws Exception {
    Path link = workspace.resolve("posix-shell");
    if (!Files.exists(link)) {
      Files.createSymbolicLink(link, Path.of("/bin/sh").toRealPath());
    }
    return link;
  }

  @Test
  void start_directCommand_isTheProcessTheEngineStarted() throws Exception {
    // Field 4 of /proc/self/stat is the parent: the JVM when started directly, the shell otherwise.
    String direct = run("sh", "cat /proc/self/stat", workspace).lines().get(0);
    String viaShell = run("sh", "cat /proc/self/stat;", workspace).lines().get(0);

    assertThat(parentOf(direct)).isEqualTo(PARENT);
    assertThat(parentOf(viaShell)).isNotEqualTo(PARENT);
  }

  private static long parentOf(String statLine) {
    String afterName = statLine.substring(statLine.lastIndexOf(')') + 2);
    return Long.parseLong(afterName.split(" ")[1]);
  }

  @Test
  void start_directCommand_seesTheEnvironmentTheShellWouldExport() throws Exception {
    variablesAShellChanges();
    environment.put("LC_ALL", "C");
    String shell = shellItself().toString();
    String cookie = "out: " + LocalProcess.COOKIE + "=";

    Ran direct = run("sh", "env", workspace).sortedWithout(cookie);
    Ran viaShell = run(shell, "env", workspace).sortedWithout(cookie);

    assertThat(direct).isEqualTo(viaShell);
    assertThat(direct.lines()).contains("out: PPID=" + PARENT, "out: IFS= \t");
  }

  @Test
  void start_directCommandThroughALinkedDirectory_keepsTheLogicalPwdAsTheShellDoes()
      throws Exception {
    Path real = Files.createDirectories(workspace.resolve("real"));
    Path link = Files.createSymbolicLink(workspace.resolve("link"), real);
    environment.put("PWD", link.toString());
    String shell = shellItself().toString();

    Ran direct = run("sh", "/bin/pwd -L", link);
    Ran viaShell = run(shell, "/bin/pwd -L", link);

    assertThat(direct).isEqualTo(viaShell).isEqualTo(new Ran(0, List.of("out: " + link)));
  }

  @Test
  void start_scriptsByRelativePath_runAsUnderTheShell() throws Exception {
    Path sub = Files.createDirectories(workspace.resolve("sub"));
    executable(sub.resolve("named.sh"), "#!/bin/sh\necho \"$0 $*\"\nexit 4\n");
    executable(sub.resolve("no-shebang.sh"), "echo plain $1\nexit 5\n");
    String shell = shellItself().toString();

    for (String command : List.of("./named.sh a b", "./no-shebang.sh x")) {
      Ran direct = run("sh", command, sub);
      assertThat(direct).as(command).isEqualTo(run(shell, command, sub));
    }
    assertThat(run("sh", "./named.sh a b", sub))
        .isEqualTo(new Ran(4, List.of("out: ./named.sh a b")));
    assertThat(run("sh", "./no-shebang.sh x", sub)).isEqualTo(new Ran(5, List.of("out: plain x")));
  }

  @Test
  void start_programTheKernelCannotStart_fallsBackToTheShellAndItsError() throws Exception {
    executable(workspace.resolve("broken.sh"), "#!/no/such/interpreter\necho never\n");
    String shell = shellItself().toString();

    Ran direct = run("sh", "./broken.sh", workspace);
    Ran viaShell = run(shell, "./broken.sh", workspace);

    assertThat(direct.exit()).isEqualTo(viaShell.exit()).isEqualTo(127);
    assertThat(direct.lines()).hasSize(1);
    assertThat(direct.lines().get(0))
        .startsWith("err: ")
        .contains("broken.sh")
        .contains("not found");
  }

  @Test
  void start_programOnNoPath_fallsBackToTheShellAndItsError() throws Exception {
    Ran direct = run("sh", "no-such-program-anywhere", workspace);
    // The separator keeps the same shell from being bypassed, so its messages name it alike.
    Ran viaShell = run("sh", "no-such-program-anywhere;", workspace);

    assertThat(direct).isEqualTo(viaShell);
    assertThat(direct.exit()).isEqualTo(127);
    assertThat(direct.lines()).singleElement().asString().contains("not found");
  }

  @Test
  void start_anyCommand_getsAPwdNamingItsDirectoryWhateverWasInherited() throws Exception {
    environment.put("PWD", "/no/such/directory");
    String shell = shellItself().toString();
    Path sub = Files.createDirectories(workspace.resolve("sub"));

    for (String command : List.of("/bin/pwd -L", "/bin/pwd -L;")) {
      assertThat(run("sh", command, sub)).as(command).isEqualTo(run(shell, command, sub));
      assertThat(run("sh", command, sub)).isEqualTo(new Ran(0, List.of("out: " + sub)));
      assertThat(run("sh", command, sub.resolve("../sub")))
          .isEqualTo(new Ran(0, List.of("out: " + sub.toRealPath())));
    }
  }

  private static Path executable(Path file, String content) throws Exception {
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
