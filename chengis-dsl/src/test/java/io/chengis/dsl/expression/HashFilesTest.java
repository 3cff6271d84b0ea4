package io.chengis.dsl.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub's hashFiles: per-file SHA-256, sorted, then SHA-256 of the digests; in the workspace. */
class HashFilesTest {
  @TempDir Path workspace;
  @TempDir Path outside;
  private Contexts contexts;

  @BeforeEach
  void files() throws IOException {
    write("pom.xml", "root");
    write("a/pom.xml", "module a");
    write("a/target/out.txt", "built");
    write("c.txt", "c");
    contexts = Contexts.builder().workspace(workspace).build();
  }

  private void write(String path, String text) throws IOException {
    Path file = workspace.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private String hash(String expression) {
    return Expression.parse(expression).evaluate(contexts).asString();
  }

  private static String expected(String... contents) throws NoSuchAlgorithmException {
    MessageDigest outer = MessageDigest.getInstance("SHA-256");
    for (String content : contents) {
      outer.update(
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }
    return HexFormat.of().formatHex(outer.digest());
  }

  @Test
  void globStarStar_matchesAtEveryDepth_hashesSortedFiles() throws Exception {
    assertThat(hash("hashFiles('**/pom.xml')")).isEqualTo(expected("module a", "root"));
  }

  @Test
  void exclusion_afterAnInclusion_removesTheMatchedFiles() throws Exception {
    assertThat(hash("hashFiles('**/pom.xml', '!a/**')")).isEqualTo(expected("root"));
  }

  @Test
  void directoryPattern_matchesTheFilesBelowIt() throws Exception {
    assertThat(hash("hashFiles('a/target')")).isEqualTo(expected("built"));
    assertThat(hash("hashFiles('*.txt', './pom.xml')")).isEqualTo(expected("c", "root"));
  }

  @Test
  void absolutePattern_insideTheWorkspace_isRelativeToIt() throws Exception {
    String pattern = workspace.resolve("c.txt").toString().replace("\\", "/");

    assertThat(hash("hashFiles('" + pattern + "')")).isEqualTo(expected("c"));
  }

  @Test
  void patternMatchingNothing_hashesToTheEmptyString() {
    assertThat(hash("hashFiles('**/*.gradle')")).isEmpty();
    assertThat(hash("hashFiles('!**')")).isEmpty();
  }

  @Test
  void linkLeavingTheWorkspace_isNotHashed() throws Exception {
    Path secret = Files.writeString(outside.resolve("secret.txt"), "secret");
    try {
      Files.createSymbolicLink(workspace.resolve("link.txt"), secret);
    } catch (UnsupportedOperationException | IOException e) {
      return; // no symbolic links on this file system
    }

    assertThat(hash("hashFiles('*.txt')")).isEqualTo(expected("c"));
  }
}
