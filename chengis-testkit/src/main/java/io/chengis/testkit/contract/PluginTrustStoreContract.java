package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.spi.PluginTrustStore;
import io.chengis.api.spi.TrustedPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link PluginTrustStore}, the allowlist of external plugin jars, for every
 * implementation.
 */
public abstract class PluginTrustStoreContract {
  /** For subclasses, which supply the implementation under test. */
  protected PluginTrustStoreContract() {}

  private static final String ALPHA = "a".repeat(64);
  private static final String BETA = "0123456789abcdef".repeat(4);

  private PluginTrustStore store;

  /** A new, empty allowlist. */
  protected abstract PluginTrustStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void find_afterAllow_returnsTheEntry() {
    TrustedPlugin alpha = new TrustedPlugin(ALPHA, "alpha.jar", "alice", T0);

    store.allow(alpha);

    assertThat(store.find(ALPHA)).contains(alpha);
    assertThat(store.find(BETA)).isEmpty();
  }

  @Test
  void find_anyCaseOfTheHash_sameEntry() {
    store.allow(new TrustedPlugin(BETA, "beta.jar", "alice", T0));

    assertThat(store.find(BETA.toUpperCase(Locale.ROOT))).isPresent();
  }

  @Test
  void allow_sameHashAgain_replacesTheEntry() {
    store.allow(new TrustedPlugin(ALPHA, "alpha.jar", "alice", T0));
    TrustedPlugin again = new TrustedPlugin(ALPHA, "alpha-1.1.jar", "bob", T0.plusSeconds(60));

    store.allow(again);

    assertThat(store.find(ALPHA)).contains(again);
    assertThat(store.list()).containsExactly(again);
  }

  @Test
  void revoke_removesOnlyThatEntry() {
    store.allow(new TrustedPlugin(ALPHA, "alpha.jar", "alice", T0));
    store.allow(new TrustedPlugin(BETA, "beta.jar", "alice", T0));

    assertThat(store.revoke(ALPHA)).isTrue();
    assertThat(store.revoke(ALPHA)).isFalse();

    assertThat(store.find(ALPHA)).isEmpty();
    assertThat(store.find(BETA)).isPresent();
  }

  @Test
  void list_inTheOrderAllowed() {
    TrustedPlugin beta = new TrustedPlugin(BETA, "beta.jar", "alice", T0);
    TrustedPlugin alpha = new TrustedPlugin(ALPHA, "alpha.jar", "alice", T0.plusSeconds(1));
    store.allow(beta);
    store.allow(alpha);

    assertThat(store.list()).containsExactly(beta, alpha);
  }

  @Test
  void find_notAHash_rejected() {
    assertThatThrownBy(() -> store.find("not-a-hash"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a SHA-256");
  }

  @Test
  void allow_concurrentDistinctEntries_allKept() throws Exception {
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      String hash = String.format("%064x", i);
      tasks.add(
          () -> {
            store.allow(new TrustedPlugin(hash, "p" + hash + ".jar", "alice", T0));
            return true;
          });
    }

    concurrently(tasks);

    assertThat(store.list()).hasSize(32);
  }
}
