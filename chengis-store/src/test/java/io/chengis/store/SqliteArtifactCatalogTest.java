package io.chengis.store;

import io.chengis.api.spi.ArtifactCatalog;
import io.chengis.testkit.contract.ArtifactCatalogContract;

class SqliteArtifactCatalogTest extends ArtifactCatalogContract {
  @Override
  protected ArtifactCatalog newCatalog() {
    return TestDatabases.sqlite().artifactCatalog();
  }
}
