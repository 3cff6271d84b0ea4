package io.chengis.engine.internal;

import io.chengis.api.spi.ArtifactCatalog;
import io.chengis.api.spi.ArtifactStore;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Where the engine keeps artifacts and their metadata, and whether it collects them after a build
 * that did not succeed. The store is made on first use, so an engine that never stores an artifact
 * creates no directory. Thread-safe.
 */
public final class ArtifactSettings {
  private final Supplier<ArtifactStore> factory;
  private final ArtifactCatalog catalog;
  private final boolean collectOnFailure;
  private final ReentrantLock lock = new ReentrantLock();
  private ArtifactStore store;

  /**
   * The settings.
   *
   * @param factory makes the content store, called once on first use
   * @param catalog the metadata
   * @param collectOnFailure engine-wide switch: when false, no artifact is collected after a build
   *     that did not succeed, whatever its declaration says
   */
  public ArtifactSettings(
      Supplier<ArtifactStore> factory, ArtifactCatalog catalog, boolean collectOnFailure) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.collectOnFailure = collectOnFailure;
  }

  /** The content store. */
  public ArtifactStore store() {
    lock.lock();
    try {
      if (store == null) {
        store = Objects.requireNonNull(factory.get(), "artifact store");
      }
      return store;
    } finally {
      lock.unlock();
    }
  }

  /** The metadata. */
  public ArtifactCatalog catalog() {
    return catalog;
  }

  /** Whether declarations that ask for it are collected after a build that did not succeed. */
  public boolean collectOnFailure() {
    return collectOnFailure;
  }
}
