package io.chengis.store;

import io.chengis.api.spi.ScheduleStore;
import io.chengis.testkit.contract.ScheduleStoreContract;

class SqliteScheduleStoreTest extends ScheduleStoreContract {
  @Override
  protected ScheduleStore newStore() {
    return TestDatabases.sqlite().schedules();
  }
}
