package io.chengis.store;

import io.chengis.api.spi.AuditLog;
import io.chengis.testkit.contract.AuditLogContract;

class PostgresAuditLogTest extends AuditLogContract {
  @Override
  protected AuditLog newStore() {
    return TestDatabases.postgresql().audit();
  }
}
