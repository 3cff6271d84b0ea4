package io.chengis.store;

import io.chengis.api.spi.LogStore;
import io.chengis.testkit.contract.LogStoreContract;

class SqliteLogStoreTest extends LogStoreContract {
  @Override
  protected LogStore newStore() {
    return TestDatabases.sqlite().logs();
  }
}
