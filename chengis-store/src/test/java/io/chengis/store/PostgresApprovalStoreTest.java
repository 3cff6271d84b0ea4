package io.chengis.store;

import io.chengis.api.spi.ApprovalStore;
import io.chengis.testkit.contract.ApprovalStoreContract;

class PostgresApprovalStoreTest extends ApprovalStoreContract {
  @Override
  protected ApprovalStore newStore() {
    return TestDatabases.postgresql().approvals();
  }
}
