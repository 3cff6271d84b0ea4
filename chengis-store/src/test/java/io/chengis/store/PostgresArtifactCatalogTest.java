package io.chengis.store;

import io.chengis.api.spi.ArtifactCatalog;
import io.chengis.testkit.contract.ArtifactCatalogContract;

class PostgresArtifactCatalogTest extends ArtifactCatalogContract {
  @Override
  protected ArtifactCatalog newCatalog() {
    return TestDatabases.postgresql().artifactCatalog();
  }
}
