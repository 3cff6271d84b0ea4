package io.chengis.testkit.contract;

import io.chengis.api.spi.QueueStore;
import io.chengis.engine.memory.InMemoryQueueStore;

class InMemoryQueueStoreTest extends QueueStoreContract {
  @Override
  protected QueueStore newStore() {
    return new InMemoryQueueStore();
  }
}
