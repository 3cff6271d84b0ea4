package io.chengis.dsl.expression.internal;

import io.chengis.dsl.expression.ExpressionException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * GitHub's {@code hashFiles}: the files under the workspace matched by the patterns (a {@code !}
 * pattern excludes; a pattern matching a directory matches what is under it), sorted by relative
 * path; the SHA-256 of each file's bytes, then the SHA-256 of those digests, as hex; the empty
 * string when nothing matches.
 */
final class HashFiles {
  private HashFiles() {}

  static String hash(Path workspace, List<String> patterns, int position) {
    Path root;
    try {
      root = workspace.toRealPath();
    } catch (IOException e) {
      throw Errors.at(
          Kind.EVALUATION,
          position,
          "hashFiles cannot read the workspace: " + e.getMessage(),
          Errors.quote(workspace.toString()),
          "check that the workspace directory exists");
    }
    List<Pattern> includes = new ArrayList<>();
    List<Pattern> excludes = new ArrayList<>();
    for (String raw : patterns) {
      String pattern = raw.strip();
      boolean exclude = pattern.startsWith("!");
      if (exclude) {
        pattern = pattern.substring(1).strip();
      }
      if (pattern.isEmpty()) {
        continue;
      }
      (exclude ? excludes : includes).add(regex(root, pattern, raw, position));
    }
    if (includes.isEmpty()) {
      return "";
    }
    List<String> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .map(path -> relative(root, path))
              .filter(path -> matches(includes, path) && !matches(excludes, path))
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      throw readError(workspace, position, e);
    }
    if (files.isEmpty()) {
      return "";
    }
    try {
      MessageDigest outer = MessageDigest.getInstance("SHA-256");
      for (String file : files) {
        Path path = root.resolve(file);
        if (!path.toRealPath().startsWith(root)) {
          continue; // a link out of the workspace is not the workspace's content
        }
        MessageDigest inner = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(path)) {
          byte[] buffer = new byte[8192];
          for (int n; (n = in.read(buffer)) > 0; ) {
            inner.update(buffer, 0, n);
          }
        }
        outer.update(inner.digest());
      }
      return HexFormat.of().formatHex(outer.digest());
    } catch (IOException e) {
      throw readError(workspace, position, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static RuntimeException readError(Path workspace, int position, Exception e) {
    return Errors.at(
        Kind.EVALUATION,
        position,
        "hashFiles cannot read the files: " + e.getMessage(),
        Errors.quote(workspace.toString()),
        "check the workspace's permissions");
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static boolean matches(List<Pattern> patterns, String path) {
    for (Pattern pattern : patterns) {
      String candidate = path;
      while (true) {
        if (pattern.matcher(candidate).matches()) {
          return true;
        }
        int slash = candidate.lastIndexOf('/');
        if (slash < 0) {
          break;
        }
        candidate = candidate.substring(0, slash);
      }
    }
    return false;
  }

  private static Pattern regex(Path root, String pattern, String raw, int position) {
    String glob = pattern.replace('\\', '/');
    Path asPath;
    try {
      asPath = Path.of(pattern);
    } catch (RuntimeException e) {
      asPath = null;
    }
    if (asPath != null && asPath.isAbsolute()) {
      Path normal = asPath.normalize();
      if (!normal.startsWith(root)) {
        throw outside(raw, position);
      }
      glob = root.relativize(normal).toString().replace('\\', '/');
    } else if (glob.startsWith("/")) {
      throw outside(raw, position);
    }
    while (glob.startsWith("./")) {
      glob = glob.substring(2);
    }
    for (String segment : glob.split("/", -1)) {
      if (segment.equals("..")) {
        throw outside(raw, position);
      }
    }
    var regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && glob.startsWith("**/", i)) {
        regex.append("(?:.*/)?");
        i += 2;
      } else if (c == '*' && glob.startsWith("**", i)) {
        regex.append(".*");
        i += 1;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    String text = regex.toString();
    while (text.endsWith(Pattern.quote("/"))) {
      text = text.substring(0, text.length() - Pattern.quote("/").length());
    }
    return Pattern.compile(text);
  }

  private static RuntimeException outside(String pattern, int position) {
    return Errors.at(
        Kind.EVALUATION,
        position,
        "hashFiles pattern leaves the workspace",
        Errors.quote(pattern),
        "write a pattern relative to the workspace, without '..', such as '**/pom.xml'");
  }
}
