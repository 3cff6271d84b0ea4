package io.chengis.store;

import io.chengis.api.spi.WebhookDeliveryStore;
import io.chengis.testkit.contract.WebhookDeliveryStoreContract;

class SqliteWebhookDeliveryStoreTest extends WebhookDeliveryStoreContract {
  @Override
  protected WebhookDeliveryStore newStore() {
    return TestDatabases.sqlite().webhookDeliveries();
  }
}
