package io.chengis.testkit;

import io.chengis.api.StoreException;
import io.chengis.api.spi.ArtifactInfo;
import io.chengis.api.spi.ArtifactRef;
import io.chengis.api.spi.ArtifactStore;
import io.chengis.api.spi.ArtifactUpload;
import io.chengis.api.spi.BuildRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ArtifactStore} in memory: the reference implementation its contract runs against, and a
 * store for tests of hosts that keep artifacts. Content is copied when it is put, so changing the
 * file afterwards changes nothing.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class InMemoryArtifactStore implements ArtifactStore {
  private final Map<ArtifactRef, Stored> artifacts = new ConcurrentHashMap<>();

  private record Stored(ArtifactInfo info, byte[] content) {}

  /** An empty store. */
  public InMemoryArtifactStore() {}

  @Override
  public ArtifactInfo put(ArtifactUpload upload) {
    byte[] content;
    try {
      content = Files.readAllBytes(upload.file());
    } catch (IOException unreadable) {
      throw new StoreException(
          "artifact store: cannot read "
              + upload.file()
              + " for artifact "
              + upload.ref().path()
              + " ("
              + unreadable
              + "); put a file that exists and is readable",
          unreadable);
    }
    ArtifactInfo info = new ArtifactInfo(upload.ref(), content.length, sha256(content));
    artifacts.put(upload.ref(), new Stored(info, content));
    return info;
  }

  @Override
  public Optional<InputStream> open(ArtifactRef ref) {
    return Optional.ofNullable(artifacts.get(ref))
        .map(stored -> new ByteArrayInputStream(stored.content()));
  }

  @Override
  public List<ArtifactInfo> list(BuildRef build) {
    return artifacts.values().stream()
        .map(Stored::info)
        .filter(
            info ->
                info.ref().org().equals(build.org())
                    && info.ref().buildId().equals(build.buildId()))
        .sorted(Comparator.comparing(info -> info.ref().path()))
        .toList();
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }

  /**
   * The number of artifacts held.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "InMemoryArtifactStore[" + artifacts.size() + " artifacts]";
  }
}
