package io.chengis.store;

import io.chengis.api.spi.WebhookDeliveryStore;
import io.chengis.testkit.contract.WebhookDeliveryStoreContract;

class PostgresWebhookDeliveryStoreTest extends WebhookDeliveryStoreContract {
  @Override
  protected WebhookDeliveryStore newStore() {
    return TestDatabases.postgresql().webhookDeliveries();
  }
}
