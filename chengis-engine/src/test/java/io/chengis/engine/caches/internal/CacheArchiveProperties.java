package io.chengis.engine.caches.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Archive round-trips are exact: contents, empty directories, permission bits and links. */
class CacheArchiveProperties {

  /** One thing in a tree: a file (content, executable), an empty directory or a link to a file. */
  record Node(String path, int kind, byte[] content, boolean executable) {}

  @Provide
  Arbitrary<List<Node>> trees() {
    Arbitrary<String> segment = Arbitraries.of("a", "b", "c", "d e", "ü", "e ");
    Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3).map(s -> String.join("/", s));
    Arbitrary<Node> node =
        Combinators.combine(
                path,
                Arbitraries.integers().between(0, 2),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3000),
                Arbitraries.of(true, false))
            .as(Node::new);
    return node.list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<Map<String, byte[]>> extras() {
    return Arbitraries.maps(
            Arbitraries.strings().alpha().numeric().withChars(".-_").ofMinLength(1).ofMaxLength(20),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(500))
        .ofMaxSize(3);
  }

  @Property(tries = 120)
  void writeThenExtract_reproducesTheTreeExactly(
      @ForAll("trees") List<Node> nodes, @ForAll("extras") Map<String, byte[]> extras)
      throws IOException {
    Path temp = Files.createTempDirectory("archive-property");
    try {
      Path source = Files.createDirectories(temp.resolve("source/ws"));
      build(source, nodes);
      Path archive = temp.resolve("cache.tar.gz");
      Map<String, byte[]> named = new TreeMap<>();
      named.putAll(extras);

      CacheArchive.write(source, List.of("a", "b", "c", "d e", "ü", "e "), named, archive);
      Path target = Files.createDirectories(temp.resolve("target/ws"));
      Map<String, byte[]> back;
      try (InputStream in = Files.newInputStream(archive)) {
        back = CacheArchive.extract(in, target);
      }

      assertThat(describe(target)).isEqualTo(describe(source));
      assertThat(back.keySet()).isEqualTo(named.keySet());
      named.forEach((name, value) -> assertThat(back.get(name)).isEqualTo(value));
    } finally {
      delete(temp);
    }
  }

  /** Lays the nodes out, skipping those whose place is taken or under a file. */
  private static void build(Path root, List<Node> nodes) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Node node : nodes) {
      Path path = root.resolve(node.path());
      if (!free(root, path)) {
        continue;
      }
      Files.createDirectories(path.getParent());
      switch (node.kind()) {
        case 0 -> {
          Files.write(path, node.content());
          Files.setPosixFilePermissions(
              path, PosixFilePermissions.fromString(node.executable() ? "rwxr-x---" : "rw-r--r--"));
          files.add(path);
        }
        case 1 -> Files.createDirectories(path);
        default -> {
          if (!files.isEmpty()) {
            Path target = files.get(node.content().length % files.size());
            Files.createSymbolicLink(path, path.getParent().relativize(target));
          }
        }
      }
    }
  }

  private static boolean free(Path root, Path path) {
    for (Path at = path; !at.equals(root); at = at.getParent()) {
      if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    return true;
  }

  /** Every path with its kind, permissions, link target or content digest, in path order. */
  private static Map<String, String> describe(Path root) throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        String name = root.relativize(path).toString();
        if (Files.isSymbolicLink(path)) {
          tree.put(name, "link -> " + Files.readSymbolicLink(path));
        } else if (Files.isDirectory(path)) {
          tree.put(
              name, "dir " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        } else {
          tree.put(
              name,
              "file "
                  + PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
                  + " "
                  + java.util.Arrays.hashCode(Files.readAllBytes(path))
                  + " "
                  + Files.size(path));
        }
      }
    }
    tree.remove("");
    return tree;
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
