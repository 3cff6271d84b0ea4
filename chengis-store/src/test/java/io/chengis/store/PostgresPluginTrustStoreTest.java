package io.chengis.store;

import io.chengis.api.spi.PluginTrustStore;
import io.chengis.testkit.contract.PluginTrustStoreContract;

class PostgresPluginTrustStoreTest extends PluginTrustStoreContract {
  @Override
  protected PluginTrustStore newStore() {
    return TestDatabases.postgresql().pluginTrust();
  }
}
