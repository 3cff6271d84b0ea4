package io.chengis.store;

import io.chengis.api.spi.ApprovalStore;
import io.chengis.testkit.contract.ApprovalStoreContract;

class SqliteApprovalStoreTest extends ApprovalStoreContract {
  @Override
  protected ApprovalStore newStore() {
    return TestDatabases.sqlite().approvals();
  }
}
