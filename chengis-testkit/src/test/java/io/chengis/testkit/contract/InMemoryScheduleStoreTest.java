package io.chengis.testkit.contract;

import io.chengis.api.spi.ScheduleStore;
import io.chengis.engine.memory.InMemoryScheduleStore;

class InMemoryScheduleStoreTest extends ScheduleStoreContract {
  @Override
  protected ScheduleStore newStore() {
    return new InMemoryScheduleStore();
  }
}
