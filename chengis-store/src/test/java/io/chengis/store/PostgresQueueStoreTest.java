package io.chengis.store;

import io.chengis.api.spi.QueueStore;
import io.chengis.testkit.contract.QueueStoreContract;

class PostgresQueueStoreTest extends QueueStoreContract {
  @Override
  protected QueueStore newStore() {
    return TestDatabases.postgresql().queue();
  }
}
