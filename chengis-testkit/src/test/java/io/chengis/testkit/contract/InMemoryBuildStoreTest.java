package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.API;
import static io.chengis.testkit.contract.StoreFixtures.job;
import static io.chengis.testkit.contract.StoreFixtures.queuedBuild;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.StoreException;
import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildQuery;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildStore;
import io.chengis.engine.memory.InMemoryBuildStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryBuildStoreTest extends BuildStoreContract {
  @Override
  protected BuildStore newStore() {
    return new InMemoryBuildStore();
  }

  @Test
  void save_numberTakenByOtherBuild_failsAndKeepsTheFirst() {
    InMemoryBuildStore store = new InMemoryBuildStore();
    BuildRecord first = queuedBuild(job(ACME, API), 1);
    store.save(first);

    assertThatThrownBy(() -> store.save(queuedBuild(job(ACME, API), 1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("already has (was 1); allocate numbers with nextNumber");
    assertThat(store.find(BuildLookup.byNumber(ACME, API, 1))).contains(first);
  }

  @Test
  void list_foreignCursor_failsWithTheFix() {
    InMemoryBuildStore store = new InMemoryBuildStore();

    assertThatThrownBy(() -> store.list(new BuildQuery(job(ACME, API), Optional.of("page-2"), 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(was \"page-2\"); pass the next cursor of the previous page");
  }
}
