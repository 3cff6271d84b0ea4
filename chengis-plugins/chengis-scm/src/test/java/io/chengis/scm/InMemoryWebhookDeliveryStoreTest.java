package io.chengis.scm;

import io.chengis.api.spi.WebhookDeliveryStore;
import io.chengis.testkit.contract.WebhookDeliveryStoreContract;

class InMemoryWebhookDeliveryStoreTest extends WebhookDeliveryStoreContract {
  @Override
  protected WebhookDeliveryStore newStore() {
    return new InMemoryWebhookDeliveryStore();
  }
}
