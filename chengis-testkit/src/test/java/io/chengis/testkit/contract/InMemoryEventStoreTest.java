package io.chengis.testkit.contract;

import io.chengis.api.spi.EventStore;
import io.chengis.engine.memory.InMemoryEventStore;

class InMemoryEventStoreTest extends EventStoreContract {
  @Override
  protected EventStore newStore() {
    return new InMemoryEventStore();
  }
}
