package io.chengis.testkit.contract;

import io.chengis.api.spi.AuditLog;
import io.chengis.engine.memory.InMemoryAuditLog;

class InMemoryAuditLogTest extends AuditLogContract {
  @Override
  protected AuditLog newStore() {
    return new InMemoryAuditLog();
  }
}
