package io.chengis.store;

import io.chengis.api.spi.ScheduleStore;
import io.chengis.testkit.contract.ScheduleStoreContract;

class PostgresScheduleStoreTest extends ScheduleStoreContract {
  @Override
  protected ScheduleStore newStore() {
    return TestDatabases.postgresql().schedules();
  }
}
