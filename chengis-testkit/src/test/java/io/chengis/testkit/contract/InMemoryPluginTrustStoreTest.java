package io.chengis.testkit.contract;

import io.chengis.api.spi.PluginTrustStore;
import io.chengis.engine.memory.InMemoryPluginTrustStore;

class InMemoryPluginTrustStoreTest extends PluginTrustStoreContract {
  @Override
  protected PluginTrustStore newStore() {
    return new InMemoryPluginTrustStore();
  }
}
