package io.chengis.engine.caches;

import io.chengis.api.StoreException;
import io.chengis.api.spi.CacheEntry;
import io.chengis.api.spi.CacheQuery;
import io.chengis.api.spi.CacheStore;
import io.chengis.api.spi.CacheUpload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link CacheStore} in a local directory, bounded in total size: when a save makes the entries
 * larger than the limit, the least recently used entries (saved or opened longest ago) are deleted
 * until they fit. Each entry is an archive {@code entries/<id>.archive} and a small {@code
 * <id>.properties} description, both written to temporary files first and renamed into place, so a
 * reader never sees a partly written entry. The store reads the directory when it is created, so
 * entries survive restarts; one directory belongs to one store instance at a time.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class LocalCacheStore implements CacheStore {
  private final Path entries;
  private final Path tmp;
  private final long maxBytes;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Kept> index = new HashMap<>();
  private long total;
  private long sequence;

  /** An entry and its bookkeeping: when it was last used and its save order. */
  private static final class Kept {
    final CacheEntry entry;
    final long saved;
    long used;

    Kept(CacheEntry entry, long saved, long used) {
      this.entry = entry;
      this.saved = saved;
      this.used = used;
    }
  }

  private LocalCacheStore(Path root, long maxBytes, InstantSource clock) {
    this.entries = root.resolve("entries");
    this.tmp = root.resolve("tmp");
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /**
   * A store in a directory, created when missing, holding at most {@code maxBytes} of archives.
   *
   * @param root the directory
   * @param maxBytes the total size limit, positive
   * @return the store, with the entries already in the directory
   * @throws StoreException when the directory cannot be created or read
   * @throws IllegalArgumentException when the limit is not positive
   * @since 0.1.0
   */
  public static LocalCacheStore in(Path root, long maxBytes) {
    return in(root, maxBytes, InstantSource.system());
  }

  /**
   * A store in a directory with its own time source (for {@link CacheEntry#savedAt()}).
   *
   * @param root the directory
   * @param maxBytes the total size limit, positive
   * @param clock the time source
   * @return the store, with the entries already in the directory
   * @throws StoreException when the directory cannot be created or read
   * @throws IllegalArgumentException when the limit is not positive
   * @since 0.1.0
   */
  public static LocalCacheStore in(Path root, long maxBytes, InstantSource clock) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(clock, "clock");
    if (maxBytes < 1) {
      throw new IllegalArgumentException(
          "cache store size limit must be positive (was " + maxBytes + "); give a limit in bytes");
    }
    LocalCacheStore store = new LocalCacheStore(root.toAbsolutePath().normalize(), maxBytes, clock);
    try {
      Files.createDirectories(store.entries);
      Files.createDirectories(store.tmp);
      store.load();
    } catch (IOException failed) {
      throw new StoreException(
          "cache store: cannot open directory " + root + " (" + failed + "); check its permissions",
          failed);
    }
    return store;
  }

  /** Reads the entries a previous instance left; temporary files of interrupted saves go. */
  private void load() throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
      for (Path leftover : leftovers) {
        Files.deleteIfExists(leftover);
      }
    }
    List<Kept> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(entries, "*.properties")) {
      for (Path file : files) {
        Properties description = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          description.load(in);
        }
        Path archive = archive(file.getFileName().toString().replace(".properties", ""));
        if (!Files.exists(archive)) {
          Files.deleteIfExists(file);
          continue;
        }
        CacheEntry entry =
            new CacheEntry(
                description.getProperty("scope", ""),
                description.getProperty("key", ""),
                Files.size(archive),
                Instant.parse(description.getProperty("savedAt", Instant.EPOCH.toString())));
        found.add(new Kept(entry, 0, Files.getLastModifiedTime(archive).toMillis()));
      }
    }
    // Save order from the recorded times, use order from the archives' modification times.
    found.sort(Comparator.comparing((Kept kept) -> kept.entry.savedAt()));
    List<Kept> ordered = new ArrayList<>();
    for (Kept kept : found) {
      ordered.add(new Kept(kept.entry, ++sequence, kept.used));
    }
    ordered.sort(Comparator.comparingLong((Kept kept) -> kept.used));
    for (Kept kept : ordered) {
      kept.used = ++sequence;
      index.put(id(kept.entry.scope(), kept.entry.key()), kept);
      total += kept.entry.size();
    }
  }

  @Override
  public Optional<CacheEntry> find(CacheQuery query) {
    Objects.requireNonNull(query, "query");
    lock.lock();
    try {
      Kept exact = index.get(id(query.scope(), query.key()));
      if (exact != null) {
        return Optional.of(exact.entry);
      }
      for (String prefix : query.restoreKeys()) {
        Optional<Kept> newest =
            index.values().stream()
                .filter(kept -> kept.entry.scope().equals(query.scope()))
                .filter(kept -> kept.entry.key().startsWith(prefix))
                .max(
                    Comparator.comparing((Kept kept) -> kept.entry.savedAt())
                        .thenComparingLong(kept -> kept.saved));
        if (newest.isPresent()) {
          return Optional.of(newest.get().entry);
        }
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<InputStream> open(CacheEntry entry) {
    Objects.requireNonNull(entry, "entry");
    String id = id(entry.scope(), entry.key());
    lock.lock();
    try {
      Kept kept = index.get(id);
      if (kept == null) {
        return Optional.empty();
      }
      kept.used = ++sequence;
      // Opened under the lock: an eviction after this deletes the name, not the open file.
      InputStream in = Files.newInputStream(archive(id));
      try {
        // The modification time carries the use order across restarts.
        Files.setLastModifiedTime(archive(id), FileTime.from(clock.instant()));
      } catch (IOException ignored) {
        // the order is then approximate after a restart, which only affects eviction
      }
      return Optional.of(in);
    } catch (NoSuchFileException gone) {
      index.remove(id);
      return Optional.empty();
    } catch (IOException failed) {
      throw new StoreException(
          "cache store: cannot read entry \"" + entry.key() + "\" (" + failed + ")", failed);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CacheEntry save(CacheUpload upload) {
    Objects.requireNonNull(upload, "upload");
    String id = id(upload.scope(), upload.key());
    Optional<CacheEntry> existing = existing(id);
    if (existing.isPresent()) {
      return existing.get();
    }
    Path archiveTmp = tmp.resolve(UUID.randomUUID() + ".archive");
    Path descriptionTmp = tmp.resolve(UUID.randomUUID() + ".properties");
    try {
      long size = Files.size(upload.archive());
      if (size > maxBytes) {
        throw new StoreException(
            "cache store: entry \""
                + upload.key()
                + "\" is "
                + size
                + " bytes, more than the store's limit of "
                + maxBytes
                + " bytes; cache less or raise the limit");
      }
      Files.copy(upload.archive(), archiveTmp);
      CacheEntry entry = new CacheEntry(upload.scope(), upload.key(), size, clock.instant());
      Properties description = new Properties();
      description.setProperty("scope", entry.scope());
      description.setProperty("key", entry.key());
      description.setProperty("savedAt", entry.savedAt().toString());
      try (OutputStream out = Files.newOutputStream(descriptionTmp)) {
        description.store(out, null);
      }
      lock.lock();
      try {
        Kept raced = index.get(id);
        if (raced != null) {
          return raced.entry;
        }
        move(archiveTmp, archive(id));
        move(descriptionTmp, description(id));
        index.put(id, new Kept(entry, ++sequence, sequence));
        total += size;
        evict(id);
        return entry;
      } finally {
        lock.unlock();
      }
    } catch (IOException failed) {
      throw new StoreException(
          "cache store: cannot save entry \"" + upload.key() + "\" (" + failed + ")", failed);
    } finally {
      try {
        Files.deleteIfExists(archiveTmp);
        Files.deleteIfExists(descriptionTmp);
      } catch (IOException ignored) {
        // a leftover temporary file is deleted when the store is next opened
      }
    }
  }

  /**
   * The entries kept, least recently used first.
   *
   * @return the entries
   * @since 0.1.0
   */
  public List<CacheEntry> entries() {
    lock.lock();
    try {
      return index.values().stream()
          .sorted(Comparator.comparingLong((Kept kept) -> kept.used))
          .map(kept -> kept.entry)
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The total size of the kept archives.
   *
   * @return bytes, never more than the limit
   * @since 0.1.0
   */
  public long size() {
    lock.lock();
    try {
      return total;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The directory and the limit; never the keys.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "LocalCacheStore[" + entries.getParent() + ", limit " + maxBytes + " bytes]";
  }

  private Optional<CacheEntry> existing(String id) {
    lock.lock();
    try {
      return Optional.ofNullable(index.get(id)).map(kept -> kept.entry);
    } finally {
      lock.unlock();
    }
  }

  /** Deletes the least recently used entries other than the one just saved until all fit. */
  private void evict(String keep) throws IOException {
    while (total > maxBytes) {
      Optional<Map.Entry<String, Kept>> oldest =
          index.entrySet().stream()
              .filter(e -> !e.getKey().equals(keep))
              .min(Comparator.comparingLong(e -> e.getValue().used));
      if (oldest.isEmpty()) {
        return;
      }
      String id = oldest.get().getKey();
      index.remove(id);
      total -= oldest.get().getValue().entry.size();
      Files.deleteIfExists(description(id));
      Files.deleteIfExists(archive(id));
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException notAtomic) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Path archive(String id) {
    return entries.resolve(id + ".archive");
  }

  private Path description(String id) {
    return entries.resolve(id + ".properties");
  }

  /** The file name of a scope's key: its SHA-256, so any key text is a safe name. */
  private static String id(String scope, String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(scope.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("the JDK has no SHA-256", impossible);
    }
  }
}
