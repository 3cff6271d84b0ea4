package io.chengis.store;

import io.chengis.api.spi.QueueStore;
import io.chengis.testkit.contract.QueueStoreContract;

class SqliteQueueStoreTest extends QueueStoreContract {
  @Override
  protected QueueStore newStore() {
    return TestDatabases.sqlite().queue();
  }
}
