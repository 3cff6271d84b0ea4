package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.spi.WebhookDelivery;
import io.chengis.api.spi.WebhookDeliveryStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link WebhookDeliveryStore}, the log of webhook deliveries, for every
 * implementation.
 */
public abstract class WebhookDeliveryStoreContract {
  /** For subclasses, which supply the implementation under test. */
  protected WebhookDeliveryStoreContract() {}

  private WebhookDeliveryStore store;

  /** A new, empty store. */
  protected abstract WebhookDeliveryStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static WebhookDelivery delivery(String provider, String id, int second) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-github-event", "push");
    headers.put("x-github-delivery", id);
    return new WebhookDelivery(
        provider,
        id,
        T0.plusSeconds(second),
        headers,
        ("{\"ref\":\"refs/heads/main\",\"n\":" + second + "}").getBytes(StandardCharsets.UTF_8),
        "received");
  }

  @Test
  void add_newDelivery_storedExactly() {
    WebhookDelivery first = delivery("github", "d-1", 0);

    assertThat(store.add(first)).isTrue();

    WebhookDelivery found = store.find("github", "d-1").orElseThrow();
    assertThat(found).isEqualTo(first);
    assertThat(found.headers().keySet()).containsExactly("x-github-event", "x-github-delivery");
    assertThat(found.payloadText()).isEqualTo("{\"ref\":\"refs/heads/main\",\"n\":0}");
  }

  @Test
  void add_sameProviderAndId_refusedAndNothingChanges() {
    store.add(delivery("github", "d-1", 0));

    assertThat(store.add(delivery("github", "d-1", 5))).isFalse();

    assertThat(store.find("github", "d-1").orElseThrow().receivedAt()).isEqualTo(T0);
  }

  @Test
  void add_sameIdOtherProvider_bothKept() {
    assertThat(store.add(delivery("github", "d-1", 0))).isTrue();
    assertThat(store.add(delivery("gitea", "d-1", 1))).isTrue();

    assertThat(store.find("gitea", "d-1")).isPresent();
  }

  @Test
  void update_recordsTheResult() {
    WebhookDelivery first = delivery("github", "d-1", 0);
    store.add(first);

    store.update(first.withResult("accepted: push of refs/heads/main at abc"));

    assertThat(store.find("github", "d-1").orElseThrow().result())
        .isEqualTo("accepted: push of refs/heads/main at abc");
  }

  @Test
  void find_unknown_empty() {
    assertThat(store.find("github", "nope")).isEmpty();
  }

  @Test
  void list_newestFirstUpToTheLimit() {
    for (int i = 0; i < 5; i++) {
      store.add(delivery("github", "d-" + i, i));
    }

    assertThat(store.list(3))
        .extracting(WebhookDelivery::deliveryId)
        .containsExactly("d-4", "d-3", "d-2");
  }

  @Test
  void add_concurrentRepeatsOfOneId_exactlyOneWins() throws Exception {
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      int second = i;
      tasks.add(() -> store.add(delivery("github", "same", second)));
    }

    List<Boolean> added = concurrently(tasks);

    assertThat(added).containsOnlyOnce(true);
  }
}
