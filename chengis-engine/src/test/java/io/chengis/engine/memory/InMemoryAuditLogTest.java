package io.chengis.engine.memory;

import io.chengis.api.spi.AuditLog;

class InMemoryAuditLogTest extends AuditLogContract {
  @Override
  protected AuditLog newStore() {
    return new InMemoryAuditLog();
  }
}
