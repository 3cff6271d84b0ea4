package io.chengis.store;

import io.chengis.api.spi.PluginTrustStore;
import io.chengis.testkit.contract.PluginTrustStoreContract;

class SqlitePluginTrustStoreTest extends PluginTrustStoreContract {
  @Override
  protected PluginTrustStore newStore() {
    return TestDatabases.sqlite().pluginTrust();
  }
}
