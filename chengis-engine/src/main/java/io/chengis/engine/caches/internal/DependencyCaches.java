package io.chengis.engine.caches.internal;

import io.chengis.api.CacheSpec;
import io.chengis.api.spi.CacheEntry;
import io.chengis.api.spi.CacheQuery;
import io.chengis.api.spi.CacheStore;
import io.chengis.api.spi.CacheUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A stage's dependency caches ({@link CacheSpec}): restored before its steps, saved after them when
 * the exact key missed and the stage succeeded. Every decision is written to the stage's log (hit,
 * miss, restored from which key, saved); a store or archive failure is a warning and the stage runs
 * without that cache. Not thread-safe: one instance per stage run.
 */
public final class DependencyCaches {
  private final CacheStore store;
  private final String scope;
  private final Path workspace;
  private final Consumer<String> log;
  private final Consumer<String> warn;
  private final List<String> toSave = new ArrayList<>();
  private final List<CacheSpec> specs = new ArrayList<>();

  /**
   * The caches of one stage run.
   *
   * @param store where entries are kept
   * @param scope the namespace of the keys (the job's name)
   * @param workspace the build's workspace
   * @param log writes a line to the stage's log
   * @param warn records a warning on the build
   */
  public DependencyCaches(
      CacheStore store, String scope, Path workspace, Consumer<String> log, Consumer<String> warn) {
    this.store = store;
    this.scope = scope;
    this.workspace = workspace;
    this.log = log;
    this.warn = warn;
  }

  /**
   * Restores each cache: the entry with exactly its key, or else the newest whose key starts with
   * one of its restore keys (tried in order).
   *
   * @param caches the stage's caches
   * @param render renders a key template ({@code ${{ hashFiles(...) }}}); throws on a broken one
   * @throws InterruptedException when the build is cancelled while restoring
   */
  public void restore(List<CacheSpec> caches, UnaryOperator<String> render)
      throws InterruptedException {
    for (CacheSpec cache : caches) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("cancelled while restoring caches");
      }
      String key;
      List<String> restoreKeys = new ArrayList<>();
      try {
        key = render.apply(cache.key()).strip();
        for (String prefix : cache.restoreKeys()) {
          String rendered = render.apply(prefix).strip();
          if (!rendered.isEmpty()) {
            restoreKeys.add(rendered);
          }
        }
      } catch (RuntimeException broken) {
        warn.accept(
            cache.location()
                + ": cache key \""
                + cache.key()
                + "\" cannot be evaluated ("
                + broken.getMessage()
                + "); the stage runs without this cache");
        continue;
      }
      if (key.isEmpty()) {
        warn.accept(
            cache.location()
                + ": cache key \""
                + cache.key()
                + "\" is empty once evaluated; the stage runs without this cache");
        continue;
      }
      Optional<CacheEntry> found;
      try {
        found = store.find(new CacheQuery(scope, key, restoreKeys));
      } catch (RuntimeException failed) {
        warn.accept("cache \"" + key + "\": lookup failed (" + failed.getMessage() + ")");
        continue;
      }
      boolean exact = found.map(entry -> entry.key().equals(key)).orElse(false);
      if (!exact) {
        toSave.add(key);
        specs.add(cache);
      }
      if (found.isEmpty()) {
        log.accept("cache \"" + key + "\": miss, nothing to restore");
        continue;
      }
      CacheEntry entry = found.get();
      try {
        Optional<InputStream> archive = store.open(entry);
        if (archive.isEmpty()) {
          log.accept("cache \"" + key + "\": miss, \"" + entry.key() + "\" was evicted");
          continue;
        }
        try (InputStream in = archive.get()) {
          CacheArchive.extract(in, workspace);
        }
        log.accept(
            exact
                ? "cache \"" + key + "\": hit, restored " + entry.size() + " bytes"
                : "cache \""
                    + key
                    + "\": miss, restored from \""
                    + entry.key()
                    + "\" ("
                    + entry.size()
                    + " bytes)");
      } catch (IOException | RuntimeException failed) {
        warn.accept(
            "cache \""
                + key
                + "\": restoring \""
                + entry.key()
                + "\" failed ("
                + failed.getMessage()
                + "); the stage runs without it");
      }
    }
  }

  /**
   * Saves the caches whose exact key missed, when the stage succeeded.
   *
   * @param succeeded whether the stage's conclusion is success
   */
  public void save(boolean succeeded) {
    for (int i = 0; i < toSave.size(); i++) {
      String key = toSave.get(i);
      if (!succeeded) {
        log.accept("cache \"" + key + "\": not saved, the stage did not succeed");
        continue;
      }
      Path archive;
      try {
        archive = Files.createTempFile("chengis-cache-", ".tar.gz");
      } catch (IOException failed) {
        warn.accept("cache \"" + key + "\": saving failed (" + failed.getMessage() + ")");
        continue;
      }
      try {
        CacheArchive.Written written =
            CacheArchive.write(workspace, specs.get(i).paths(), Map.of(), archive);
        if (written.files() == 0 && !written.missing().isEmpty()) {
          log.accept("cache \"" + key + "\": not saved, no path exists: " + written.missing());
          continue;
        }
        CacheEntry saved = store.save(new CacheUpload(scope, key, archive));
        log.accept(
            "cache \""
                + key
                + "\": saved "
                + written.files()
                + " files ("
                + saved.size()
                + " bytes)"
                + (written.missing().isEmpty() ? "" : "; missing " + written.missing()));
      } catch (IOException | RuntimeException failed) {
        warn.accept("cache \"" + key + "\": saving failed (" + failed.getMessage() + ")");
      } finally {
        deleteQuietly(archive);
      }
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file; the system's temporary directory is cleaned by the host
    }
  }
}
