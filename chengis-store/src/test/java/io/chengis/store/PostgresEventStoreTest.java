package io.chengis.store;

import io.chengis.api.spi.EventStore;
import io.chengis.testkit.contract.EventStoreContract;

class PostgresEventStoreTest extends EventStoreContract {
  @Override
  protected EventStore newStore() {
    return TestDatabases.postgresql().events();
  }
}
