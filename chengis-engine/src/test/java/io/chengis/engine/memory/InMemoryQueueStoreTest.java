package io.chengis.engine.memory;

import io.chengis.api.spi.QueueStore;

class InMemoryQueueStoreTest extends QueueStoreContract {
  @Override
  protected QueueStore newStore() {
    return new InMemoryQueueStore();
  }
}
