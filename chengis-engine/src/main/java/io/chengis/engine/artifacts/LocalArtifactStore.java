package io.chengis.engine.artifacts;

import io.chengis.api.StoreException;
import io.chengis.api.spi.ArtifactInfo;
import io.chengis.api.spi.ArtifactRef;
import io.chengis.api.spi.ArtifactStore;
import io.chengis.api.spi.ArtifactUpload;
import io.chengis.api.spi.BuildRef;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A content-addressed {@link ArtifactStore} in a local directory: every distinct content is kept
 * once as {@code blobs/<first two hex digits>/<sha-256>}, and each artifact reference is a small
 * index file {@code refs/<org>/<build>/<sha-256 of the path>} naming its blob, size and path.
 * Identical files, within a build or across builds, take the space of one. Every read recomputes
 * the SHA-256 while streaming and fails at the end when it does not match the stored one, so a
 * corrupted blob is never served silently.
 *
 * <p>Writes go to a temporary file first and are renamed into place atomically; a put copies the
 * file once (hashing as it copies), so later changes to the source file do not reach the store.
 * Thread-safe, and safe for several processes sharing the directory.
 *
 * @since 0.1.0
 */
public final class LocalArtifactStore implements ArtifactStore {
  /** Versions larger than this are stored whole: a delta is computed in memory. */
  private static final long MAX_DELTA_BYTES = 64L << 20;

  private final Path root;

  private LocalArtifactStore(Path root) {
    this.root = root;
  }

  /**
   * A store in this directory, created when absent.
   *
   * @param root the directory
   * @return the store
   * @throws StoreException when the directory cannot be created
   */
  public static LocalArtifactStore in(Path root) {
    Objects.requireNonNull(root, "root");
    try {
      Files.createDirectories(root.resolve("tmp"));
    } catch (IOException failed) {
      throw new StoreException(
          "artifact store: cannot create directory " + root + " (" + failed + "); check its parent",
          failed);
    }
    return new LocalArtifactStore(root.toAbsolutePath().normalize());
  }

  /**
   * Where a content with this SHA-256 is kept.
   *
   * @param sha256 the content's SHA-256 in lower-case hex
   * @return the blob's file
   */
  public Path blob(String sha256) {
    return root.resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  @Override
  public ArtifactInfo put(ArtifactUpload upload) {
    return store(upload, Optional.empty());
  }

  /**
   * Stores a new version of an artifact: as the 4 KiB blocks that changed against {@code previous}
   * (the same path's artifact in the job's previous build) when that saves more than 20 %, else
   * whole. Reads reconstruct it exactly and verify its SHA-256 as for every artifact.
   *
   * @param upload the name and the file
   * @param previous the previous version; ignored when the store does not hold it
   * @return the stored artifact's description
   */
  public ArtifactInfo putRevision(ArtifactUpload upload, ArtifactRef previous) {
    return store(upload, Optional.of(previous));
  }

  private Path delta(String sha256) {
    return blob(sha256).resolveSibling(sha256 + ".delta");
  }

  /** The whole content of a blob, rebuilding deltas, each step verified. */
  private byte[] content(String sha256, String path) throws IOException {
    Path whole = blob(sha256);
    byte[] bytes;
    if (Files.exists(whole)) {
      bytes = Files.readAllBytes(whole);
    } else {
      byte[] delta = Files.readAllBytes(delta(sha256));
      String base = BlockDelta.baseOf(delta);
      bytes = BlockDelta.apply(content(base, path), delta);
    }
    String actual = HexFormat.of().formatHex(sha256().digest(bytes));
    if (!actual.equals(sha256)) {
      throw new IOException(
          "artifact "
              + path
              + ": stored content does not match its SHA-256 (was "
              + actual
              + ", expected "
              + sha256
              + "); the blob "
              + whole
              + " or its delta is corrupt, restore it or rebuild");
    }
    return bytes;
  }

  private ArtifactInfo store(ArtifactUpload upload, Optional<ArtifactRef> previous) {
    ArtifactRef ref = upload.ref();
    Path temp = null;
    try {
      temp = Files.createTempFile(root.resolve("tmp"), "put", ".part");
      MessageDigest digest = sha256();
      long size = 0;
      try (InputStream in = Files.newInputStream(upload.file());
          OutputStream out = Files.newOutputStream(temp)) {
        byte[] buffer = new byte[65536];
        for (int read; (read = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, read);
          out.write(buffer, 0, read);
          size += read;
        }
      }
      String sha = HexFormat.of().formatHex(digest.digest());
      Path blob = blob(sha);
      Optional<byte[]> delta = Optional.empty();
      Optional<ArtifactInfo> base = previous.flatMap(p -> read(index(p), p.org(), p.buildId()));
      if (base.isPresent() && size <= MAX_DELTA_BYTES && base.get().size() <= MAX_DELTA_BYTES) {
        delta =
            BlockDelta.encode(
                base.get().sha256(),
                content(base.get().sha256(), base.get().ref().path()),
                Files.readAllBytes(temp));
      }
      if (Files.exists(blob) || Files.exists(delta(sha))) {
        Files.delete(temp);
      } else if (delta.isPresent()) {
        Files.createDirectories(blob.getParent());
        Files.write(temp, delta.get());
        Files.move(
            temp, delta(sha), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.createDirectories(blob.getParent());
        Files.move(temp, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
      Path index = index(ref);
      Files.createDirectories(index.getParent());
      Path indexTemp = Files.createTempFile(root.resolve("tmp"), "ref", ".part");
      Files.writeString(indexTemp, sha + "\n" + size + "\n" + ref.path(), StandardCharsets.UTF_8);
      Files.move(
          indexTemp, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new ArtifactInfo(ref, size, sha);
    } catch (NoSuchFileException missing) {
      throw new StoreException(
          "artifact store: file "
              + upload.file()
              + " for artifact "
              + ref.path()
              + " does not exist; collect files that the build produced");
    } catch (IOException failed) {
      throw new StoreException(
          "artifact store: cannot store "
              + upload.file()
              + " as artifact "
              + ref.path()
              + " ("
              + failed
              + "); check the space and permissions of "
              + root,
          failed);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a leftover temporary file is only wasted space
        }
      }
    }
  }

  @Override
  public Optional<InputStream> open(ArtifactRef ref) {
    Optional<ArtifactInfo> info = read(index(ref), ref.org(), ref.buildId());
    if (info.isEmpty()) {
      return Optional.empty();
    }
    String expected = info.get().sha256();
    Path blob = blob(expected);
    try {
      if (!Files.exists(blob) && Files.exists(delta(expected))) {
        return Optional.of(new ByteArrayInputStream(content(expected, ref.path())));
      }
      return Optional.of(new Verifying(Files.newInputStream(blob), expected, ref.path(), blob));
    } catch (IOException | IllegalArgumentException failed) {
      throw new StoreException(
          "artifact store: cannot read artifact "
              + ref.path()
              + " ("
              + failed.getMessage()
              + "); the store lost or damaged "
              + blob
              + " or its delta, restore it from a backup",
          failed);
    }
  }

  @Override
  public List<ArtifactInfo> list(BuildRef build) {
    Path dir =
        root.resolve("refs").resolve(build.org().value()).resolve(build.buildId().toString());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ArtifactInfo> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        read(file, build.org(), build.buildId()).ifPresent(all::add);
      }
    } catch (IOException failed) {
      throw new StoreException(
          "artifact store: cannot list " + dir + " (" + failed + "); check its permissions",
          failed);
    }
    all.sort(Comparator.comparing(info -> info.ref().path()));
    return List.copyOf(all);
  }

  private Path index(ArtifactRef ref) {
    String name =
        HexFormat.of().formatHex(sha256().digest(ref.path().getBytes(StandardCharsets.UTF_8)));
    return root.resolve("refs")
        .resolve(ref.org().value())
        .resolve(ref.buildId().toString())
        .resolve(name);
  }

  private static Optional<ArtifactInfo> read(
      Path index, io.chengis.api.OrgId org, io.chengis.api.BuildId build) {
    try {
      String[] lines = Files.readString(index, StandardCharsets.UTF_8).split("\n", 3);
      return Optional.of(
          new ArtifactInfo(
              new ArtifactRef(org, build, lines[2]), Long.parseLong(lines[1]), lines[0]));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException | RuntimeException failed) {
      throw new StoreException(
          "artifact store: index file " + index + " is unreadable (" + failed + "); delete it",
          failed);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", impossible);
    }
  }

  /** Hashes what passes through and fails at the end when the hash is not the expected one. */
  private static final class Verifying extends FilterInputStream {
    private final MessageDigest digest = sha256();
    private final String expected;
    private final String path;
    private final Path blob;
    private boolean checked;

    Verifying(InputStream in, String expected, String path, Path blob) {
      super(in);
      this.expected = expected;
      this.path = path;
      this.blob = blob;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        verify();
      } else {
        digest.update((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      if (read < 0) {
        verify();
      } else {
        digest.update(buffer, offset, read);
      }
      return read;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] sink = new byte[8192];
      long skipped = 0;
      while (skipped < n) {
        int read = read(sink, 0, (int) Math.min(sink.length, n - skipped));
        if (read < 0) {
          break;
        }
        skipped += read;
      }
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void verify() throws IOException {
      if (checked) {
        return;
      }
      checked = true;
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(expected)) {
        throw new IOException(
            "artifact "
                + path
                + ": stored content does not match its SHA-256 (was "
                + actual
                + ", expected "
                + expected
                + "); the blob "
                + blob
                + " is corrupt, restore it or rebuild");
      }
    }
  }
}
