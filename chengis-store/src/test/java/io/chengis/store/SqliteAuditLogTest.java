package io.chengis.store;

import io.chengis.api.spi.AuditLog;
import io.chengis.testkit.contract.AuditLogContract;

class SqliteAuditLogTest extends AuditLogContract {
  @Override
  protected AuditLog newStore() {
    return TestDatabases.sqlite().audit();
  }
}
