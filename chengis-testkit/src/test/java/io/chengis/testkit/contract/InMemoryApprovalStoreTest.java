package io.chengis.testkit.contract;

import io.chengis.api.spi.ApprovalStore;
import io.chengis.engine.memory.InMemoryApprovalStore;

class InMemoryApprovalStoreTest extends ApprovalStoreContract {
  @Override
  protected ApprovalStore newStore() {
    return new InMemoryApprovalStore();
  }
}
