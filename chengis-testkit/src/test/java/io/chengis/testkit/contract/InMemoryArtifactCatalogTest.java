package io.chengis.testkit.contract;

import io.chengis.api.spi.ArtifactCatalog;
import io.chengis.engine.memory.InMemoryArtifactCatalog;

class InMemoryArtifactCatalogTest extends ArtifactCatalogContract {
  @Override
  protected ArtifactCatalog newCatalog() {
    return new InMemoryArtifactCatalog();
  }
}
