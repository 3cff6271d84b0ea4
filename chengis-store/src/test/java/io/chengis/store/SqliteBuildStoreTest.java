package io.chengis.store;

import io.chengis.api.spi.BuildStore;
import io.chengis.testkit.contract.BuildStoreContract;

class SqliteBuildStoreTest extends BuildStoreContract {
  @Override
  protected BuildStore newStore() {
    return TestDatabases.sqlite().builds();
  }
}
