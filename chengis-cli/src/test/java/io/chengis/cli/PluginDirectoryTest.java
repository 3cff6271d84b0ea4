package io.chengis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.spi.ActionProvider;
import io.chengis.api.spi.PipelineFormatProvider;
import io.chengis.dsl.Chengis;
import java.io.File;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugins DIR}: a real plugin jar, compiled by the test, with a pipeline format and an
 * action provider the class path does not have; it loads only once its SHA-256 is on the trust
 * allowlist in the database.
 */
class PluginDirectoryTest {
  @TempDir Path temp;
  private Path plugins;
  private String sha256;

  private static final String SOURCE =
      """
      package ext;

      import io.chengis.api.spi.*;
      import io.chengis.dsl.Chengis;
      import io.chengis.dsl.Steps;
      import java.util.List;

      public final class Zed implements PipelineFormatProvider {
        public Zed() {}
        public String type() { return "zed"; }
        public PipelineFormat create(ProviderContext context) {
          return new PipelineFormat() {
            public boolean accepts(String name) { return name.endsWith(".zed"); }
            public io.chengis.api.Pipeline parse(PipelineSource source) {
              String command = source.text().trim();
              return Chengis.pipeline(
                  "zed", p -> p.stage("say", s -> s.step("say", Steps.shell(command))));
            }
          };
        }

        public static final class Wave implements ActionProvider {
          public Wave() {}
          public String type() { return "wave"; }
          public ActionMapper create(ProviderContext context) {
            return new ActionMapper() {
              public List<String> actions() { return List.of("zed/wave"); }
              public io.chengis.api.StepAction map(ActionUse use) {
                return Steps.shell("echo waved-from-the-jar");
              }
            };
          }
        }
      }
      """;

  @BeforeEach
  void buildJar() throws Exception {
    Path src = Files.createDirectories(temp.resolve("src/ext"));
    Files.writeString(src.resolve("Zed.java"), SOURCE);
    Path classes = Files.createDirectories(temp.resolve("classes"));
    String classPath =
        location(PipelineFormatProvider.class) + File.pathSeparator + location(Chengis.class);
    // Reflection: the test sources compile inside the CLI's module, which does not read
    // java.compiler; the tests themselves run on the class path.
    Object javac =
        Class.forName("javax.tools.ToolProvider").getMethod("getSystemJavaCompiler").invoke(null);
    Method run =
        Class.forName("javax.tools.Tool")
            .getMethod(
                "run",
                java.io.InputStream.class,
                OutputStream.class,
                OutputStream.class,
                String[].class);
    String[] args = {
      "-d", classes.toString(), "-cp", classPath, src.resolve("Zed.java").toString()
    };
    assertThat((int) run.invoke(javac, null, null, null, args)).isZero();
    plugins = Files.createDirectories(temp.resolve("plugins"));
    Path jar = plugins.resolve("zed.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> compiled = Files.walk(classes)) {
      for (Path file : compiled.filter(Files::isRegularFile).toList()) {
        add(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
      add(out, "META-INF/services/" + PipelineFormatProvider.class.getName(), "ext.Zed\n");
      add(out, "META-INF/services/" + ActionProvider.class.getName(), "ext.Zed$Wave\n");
    }
    sha256 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static void add(JarOutputStream out, String name, String text) throws Exception {
    add(out, name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void add(JarOutputStream out, String name, byte[] bytes) throws Exception {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  private CliOutcome chengis(String... args) {
    return CliOutcome.of(temp, args);
  }

  private String db() {
    return temp.resolve("chengis.db").toString();
  }

  private void trust() {
    CliOutcome trusted =
        chengis("plugins", "trust", "--db", db(), plugins.resolve("zed.jar").toString());
    assertThat(trusted.exitCode()).as(trusted.err()).isZero();
    assertThat(trusted.out()).isEqualTo("trusted zed.jar (sha256 " + sha256 + ")\n");
  }

  private Path zedWorkspace() throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("ws"));
    Files.writeString(workspace.resolve("hello.zed"), "echo said-by-zed\n");
    return workspace;
  }

  @Test
  void run_untrustedJar_isRefusedNamingTheHashToAllow() throws Exception {
    CliOutcome run = chengis("run", "--plugins", plugins.toString(), zedWorkspace().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("refusing untrusted plugin jar zed.jar (sha256 " + sha256 + ")")
        .contains("trust allowlist")
        .contains("chengis plugins trust " + plugins.resolve("<jar>"))
        .doesNotContain("\tat ");
  }

  @Test
  void run_trustedJar_readsAWorkspaceOnlyItsFormatKnows() throws Exception {
    trust();

    CliOutcome run =
        chengis("run", "-v", "--plugins", plugins.toString(), zedWorkspace().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("hello.zed").contains("said-by-zed");
  }

  @Test
  void run_withoutThePluginsDirectory_theWorkspaceHoldsNoPipeline() throws Exception {
    CliOutcome run = chengis("run", zedWorkspace().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("holds no pipeline file");
  }

  @Test
  void run_trustedJar_mapsAnActionOnlyItProvides() throws Exception {
    trust();
    Path workflows = Files.createDirectories(temp.resolve("site/.github/workflows"));
    Path workflow =
        Files.writeString(
            workflows.resolve("ci.yml"),
            """
            on: push
            jobs:
              hello:
                runs-on: ubuntu-latest
                steps:
                  - uses: zed/wave@v1
            """);

    CliOutcome run = chengis("run", "-v", "--plugins", plugins.toString(), workflow.toString());
    CliOutcome without = chengis("lint", workflow.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("waved-from-the-jar");
    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.out()).contains("zed/wave");
  }

  @Test
  void plugins_listAndRevoke_showTheEntryAndRefuseTheJarAgain() throws Exception {
    trust();

    CliOutcome listed = chengis("plugins", "list", "--db", db());
    CliOutcome revoked = chengis("plugins", "revoke", "--db", db(), sha256);
    CliOutcome again = chengis("run", "--plugins", plugins.toString(), zedWorkspace().toString());
    CliOutcome unknown = chengis("plugins", "revoke", "--db", db(), sha256);

    assertThat(listed.out()).startsWith(sha256 + "  zed.jar  ");
    assertThat(revoked.out()).isEqualTo("revoked " + sha256 + "\n");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("refusing untrusted plugin jar zed.jar");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no allowed jar has the hash " + sha256);
  }

  @Test
  void plugins_trustAMissingJar_isAClearError() {
    CliOutcome trusted =
        chengis("plugins", "trust", "--db", db(), temp.resolve("nope.jar").toString());

    assertThat(trusted.exitCode()).isEqualTo(2);
    assertThat(trusted.err()).contains("nope.jar is not a file").doesNotContain("\tat ");
  }
}
