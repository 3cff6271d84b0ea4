package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.engine.artifacts.WorkspaceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceFilesTest {
  @TempDir Path workspace;

  private void touch(String path) throws IOException {
    Path file = workspace.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, path);
  }

  @Test
  void select_globsAndExcludes_returnsMatchingFilesInPathOrder() throws IOException {
    for (String path :
        List.of("target/app.jar", "target/app-sources.jar", "target/lib/dep.jar", "README.md")) {
      touch(path);
    }
    assertThat(
            WorkspaceFiles.select(
                workspace, List.of("target/**/*.jar"), List.of("**/*-sources.jar")))
        .containsExactly("target/app.jar", "target/lib/dep.jar");
  }

  @Test
  void select_parentOrAbsoluteGlob_isRefusedWithTheFix() {
    assertThatThrownBy(() -> WorkspaceFiles.select(workspace, List.of("../secrets/*"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("glob \"../secrets/*\" leaves the workspace")
        .hasMessageContaining("without \"..\"");
    assertThatThrownBy(() -> WorkspaceFiles.select(workspace, List.of("/etc/passwd"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"/etc/passwd\" leaves the workspace");
  }

  @Test
  void select_symlinkOutsideWorkspace_isRefusedNamingIt(@TempDir Path outside) throws IOException {
    Path secret = Files.writeString(outside.resolve("id_rsa"), "key");
    Files.createDirectories(workspace.resolve("out"));
    Files.createSymbolicLink(workspace.resolve("out/key.txt"), secret);
    touch("out/ok.txt");

    assertThatThrownBy(() -> WorkspaceFiles.select(workspace, List.of("out/*"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"out/key.txt\" is a symbolic link to")
        .hasMessageContaining("outside the workspace");
    assertThat(WorkspaceFiles.select(workspace, List.of("out/*"), List.of("out/key.txt")))
        .containsExactly("out/ok.txt");
  }

  @Test
  void select_symlinkInsideWorkspace_isCollected() throws IOException {
    touch("real/file.txt");
    Files.createDirectories(workspace.resolve("out"));
    Files.createSymbolicLink(workspace.resolve("out/link.txt"), workspace.resolve("real/file.txt"));

    assertThat(WorkspaceFiles.select(workspace, List.of("out/*"), List.of()))
        .containsExactly("out/link.txt");
  }

  @Property(tries = 150)
  void select_randomTree_equalsReferenceFilter(
      @ForAll("trees") Set<String> files,
      @ForAll("globs") List<String> globs,
      @ForAll("globs") List<String> excludes)
      throws IOException {
    Path root = Files.createTempDirectory("tree");
    try {
      for (String path : files) {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, path);
      }
      List<String> expected =
          files.stream()
              .filter(path -> globs.stream().anyMatch(g -> PathGlobTest.reference(g, path)))
              .filter(path -> excludes.stream().noneMatch(g -> PathGlobTest.reference(g, path)))
              .sorted()
              .toList();

      assertThat(WorkspaceFiles.select(root, globs, excludes)).isEqualTo(expected);
    } finally {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  @Provide
  Arbitrary<Set<String>> trees() {
    Arbitrary<String> dirs =
        Arbitraries.of("a", "b", "src").list().ofMaxSize(3).map(d -> String.join("/", d));
    Arbitrary<String> names = Arbitraries.of("x.txt", "y.md", "z", "app.jar");
    return net.jqwik.api.Combinators.combine(dirs, names)
        .as((dir, name) -> dir.isEmpty() ? name : dir + "/" + name)
        .set()
        .ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<String>> globs() {
    Arbitrary<String> atom =
        Arbitraries.of("a", "b", "src", "/", "*", "?", "**", "**/", ".txt", "{x,y}", "{a,b}/");
    return atom.list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(parts -> String.join("", parts))
        .filter(glob -> !glob.startsWith("/"))
        .list()
        .ofMaxSize(2);
  }
}
