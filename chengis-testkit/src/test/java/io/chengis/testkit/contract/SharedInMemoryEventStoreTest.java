package io.chengis.testkit.contract;

import io.chengis.api.spi.EventStore;
import io.chengis.engine.memory.InMemoryEventStore;
import io.chengis.engine.memory.InMemoryLogStore;

/** The event store the engine makes by default, sharing log lines with its in-memory log store. */
class SharedInMemoryEventStoreTest extends EventStoreContract {
  @Override
  protected EventStore newStore() {
    return new InMemoryEventStore(new InMemoryLogStore());
  }
}
