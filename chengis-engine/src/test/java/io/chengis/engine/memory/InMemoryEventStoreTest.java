package io.chengis.engine.memory;

import io.chengis.api.spi.EventStore;

class InMemoryEventStoreTest extends EventStoreContract {
  @Override
  protected EventStore newStore() {
    return new InMemoryEventStore();
  }
}
