package io.chengis.testkit.contract;

import io.chengis.api.spi.ArtifactStore;
import io.chengis.testkit.InMemoryArtifactStore;

class InMemoryArtifactStoreTest extends ArtifactStoreContract {
  @Override
  protected ArtifactStore newStore() {
    return new InMemoryArtifactStore();
  }
}
