package io.chengis.cli.internal;

import io.chengis.api.Pipeline;
import io.chengis.dsl.PipelineDefinitions;
import io.chengis.store.JobSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Turns a stored job definition back into the pipeline it ran with. */
final class JobSnapshots {
  private JobSnapshots() {}

  static Pipeline pipeline(JobSnapshot snapshot, PluginOptions plugins, DatabaseOptions database) {
    if (snapshot.source().equals(JobSnapshot.CLASS)) {
      return PipelineDefinitions.load(
          snapshot.definition(), Thread.currentThread().getContextClassLoader());
    }
    // The stored text, under its original relative name: formats are chosen by path.
    Path directory = null;
    try {
      directory = Files.createTempDirectory("chengis-retry");
      Path copy = directory.resolve(relative(Path.of(snapshot.source())));
      Files.createDirectories(copy.getParent());
      Files.writeString(copy, snapshot.definition(), StandardCharsets.UTF_8);
      return PipelineFiles.parse(plugins, database, copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (directory != null) {
        delete(directory);
      }
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path relative(Path original) {
    Path normal = original.normalize();
    int count = normal.getNameCount();
    // Keep .github/workflows/x.yml and .chengis/workflow.yml recognisable.
    int keep = Math.min(count, 3);
    return normal.subpath(count - keep, count);
  }
}
