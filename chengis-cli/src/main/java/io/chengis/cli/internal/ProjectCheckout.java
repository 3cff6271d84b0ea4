package io.chengis.cli.internal;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.StepAction;
import io.chengis.api.spi.StepContext;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExit;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code checkout} steps ({@code uses: actions/checkout@v4}) for {@code chengis run}: the
 * project being run is already on this machine, so the step copies it into the build's workspace
 * (without {@code .git}, {@code .chengis} and the workspace root). Checking out another repository
 * needs the git plugin and fails the step with that said. Stateless and thread-safe.
 */
final class ProjectCheckout implements StepExecutor {
  private final Path project;
  private final Path workspaceRoot;
  private final InstantSource clock;

  ProjectCheckout(Path project, Path workspaceRoot, InstantSource clock) {
    this.project = project.toAbsolutePath().normalize();
    this.workspaceRoot = workspaceRoot.toAbsolutePath().normalize();
    this.clock = clock;
  }

  /** The project a pipeline file belongs to: the directory holding its .github or .chengis. */
  static Path projectOf(Path pipelineFile) {
    Path file = pipelineFile.toAbsolutePath().normalize();
    Path parent = file.getParent();
    if (parent == null) {
      return file;
    }
    Path grandparent = parent.getParent();
    if (parent.getFileName().toString().equals("workflows")
        && grandparent != null
        && grandparent.getFileName() != null
        && grandparent.getFileName().toString().equals(".github")
        && grandparent.getParent() != null) {
      return grandparent.getParent();
    }
    if (parent.getFileName() != null
        && parent.getFileName().toString().equals(".chengis")
        && grandparent != null) {
      return grandparent;
    }
    return parent;
  }

  @Override
  public StepExit execute(StepContext context) {
    StepAction.PluginStep step = (StepAction.PluginStep) context.definition().action();
    String repository = step.config().getOrDefault("repository", "");
    if (!repository.isEmpty()) {
      say(
          context,
          LogStream.STDERR,
          "chengis: checking out another repository needs the git plugin; chengis run copies only"
              + " the project it runs (was repository: "
              + repository
              + ")");
      return StepExit.exited(1);
    }
    Path target = context.workspace().resolve(step.config().getOrDefault("path", "")).normalize();
    if (!target.startsWith(context.workspace().normalize())) {
      say(
          context,
          LogStream.STDERR,
          "chengis: checkout path leaves the workspace (was "
              + step.config().get("path")
              + "); use a path inside it");
      return StepExit.exited(1);
    }
    AtomicInteger files = new AtomicInteger();
    try {
      copy(target, files);
    } catch (IOException failed) {
      say(context, LogStream.STDERR, "chengis: checkout failed: " + failed);
      return StepExit.exited(1);
    }
    say(
        context,
        LogStream.STDOUT,
        "copied " + files.get() + " files of " + project + " into the workspace");
    return StepExit.exited(0);
  }

  private void copy(Path target, AtomicInteger files) throws IOException {
    List<String> skipped = List.of(".git", ".chengis");
    // Builds made inside the project must not be copied into themselves.
    boolean workspacesInside = workspaceRoot.startsWith(project) && !workspaceRoot.equals(project);
    Files.walkFileTree(
        project,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            if (!dir.equals(project)
                && (skipped.contains(dir.getFileName().toString())
                    || (workspacesInside && dir.startsWith(workspaceRoot))
                    || target.startsWith(dir))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(target.resolve(project.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.copy(
                file,
                target.resolve(project.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
            files.incrementAndGet();
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private void say(StepContext context, LogStream stream, String text) {
    context.log().accept(new LogLine(clock.instant(), stream, text));
  }
}
