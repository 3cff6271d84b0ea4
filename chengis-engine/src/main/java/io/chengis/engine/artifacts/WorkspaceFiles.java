package io.chengis.engine.artifacts;

import io.chengis.engine.internal.PathGlob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Selects workspace files by glob for collection as artifacts, never leaving the workspace.
 *
 * <p>Globs are workspace-relative with {@code /} separators: {@code **} any directories, {@code *}
 * and {@code ?} within one segment, {@code {a,b}} alternatives. A glob that is absolute or has a
 * {@code ..} segment is refused, and so is a matching symbolic link that points outside the
 * workspace; a link inside it is collected as the file it points to. Directories reached through
 * symbolic links are not searched.
 *
 * @since 0.1.0
 */
public final class WorkspaceFiles {
  private WorkspaceFiles() {}

  /**
   * The workspace files selected by the globs, in path order.
   *
   * @param workspace the workspace directory
   * @param globs the files to take; none selects nothing
   * @param excludes the files to leave out
   * @return workspace-relative paths with {@code /} separators
   * @throws IllegalArgumentException when a glob or a matching link leaves the workspace, with the
   *     glob or path and the fix
   * @throws UncheckedIOException when the workspace cannot be read
   */
  public static List<String> select(Path workspace, List<String> globs, List<String> excludes) {
    Objects.requireNonNull(workspace, "workspace");
    List<PathGlob> include = compile(globs, "glob");
    List<PathGlob> exclude = compile(excludes, "exclude");
    List<String> selected = new ArrayList<>();
    if (include.isEmpty()) {
      return List.of();
    }
    try {
      Path root = workspace.toRealPath();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path file : walk.toList()) {
          boolean link = Files.isSymbolicLink(file);
          if (!link && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          String relative = root.relativize(file).toString().replace('\\', '/');
          if (!PathGlob.selects(relative, include, exclude)) {
            continue;
          }
          if (link) {
            Path target;
            try {
              target = file.toRealPath();
            } catch (IOException dangling) {
              throw new IllegalArgumentException(
                  "artifacts: \""
                      + relative
                      + "\" is a symbolic link to a missing file; remove the link or exclude it");
            }
            if (!target.startsWith(root)) {
              throw new IllegalArgumentException(
                  "artifacts: \""
                      + relative
                      + "\" is a symbolic link to "
                      + target
                      + ", outside the workspace; copy the file into the workspace or exclude"
                      + " the link");
            }
            if (!Files.isRegularFile(target)) {
              continue;
            }
          }
          selected.add(relative);
        }
      }
    } catch (IOException failed) {
      throw new UncheckedIOException(
          "artifacts: cannot read workspace " + workspace + " (" + failed + ")", failed);
    }
    selected.sort(null);
    return List.copyOf(selected);
  }

  private static List<PathGlob> compile(List<String> globs, String what) {
    List<PathGlob> compiled = new ArrayList<>();
    for (String glob : globs) {
      boolean absolute =
          glob.startsWith("/")
              || glob.startsWith("\\")
              || glob.startsWith("~")
              || glob.matches("^[A-Za-z]:.*");
      boolean parent = false;
      for (String segment : glob.split("[/\\\\]")) {
        parent |= segment.equals("..");
      }
      if (glob.isBlank() || absolute || parent) {
        throw new IllegalArgumentException(
            "artifacts: "
                + what
                + " \""
                + glob
                + "\" "
                + (glob.isBlank() ? "is blank" : "leaves the workspace")
                + "; use a path relative to the workspace without \"..\", e.g. target/*.jar");
      }
      compiled.add(PathGlob.of(glob));
    }
    return List.copyOf(compiled);
  }
}
