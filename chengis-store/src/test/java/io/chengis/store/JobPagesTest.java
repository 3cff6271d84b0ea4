package io.chengis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.BuildId;
import io.chengis.api.BuildState;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.JobRef;
import io.chengis.api.spi.Page;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobPagesTest {
  private static final OrgId ACME = OrgId.of("acme");

  private static void build(SqlStores stores, OrgId org, String job) {
    JobRef ref = new JobRef(org, JobId.of(job));
    stores
        .builds()
        .save(
            new BuildRecord(
                org,
                BuildId.generator(InstantSource.system()).next(),
                ref.jobId(),
                stores.builds().nextNumber(ref),
                1,
                Optional.empty(),
                BuildState.QUEUED,
                Map.of(),
                Instant.parse("2026-01-01T00:00:00Z"),
                Optional.empty()));
  }

  private static void walk(SqlStores stores) {
    for (String job : List.of("web", "api", "docs", "api", "batch")) {
      build(stores, ACME, job);
    }
    build(stores, OrgId.of("globex"), "secret-project");
    List<JobId> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      Page<JobId> page = stores.jobs(ACME, cursor, 2);
      seen.addAll(page.items());
      cursor = page.next();
      pages++;
    } while (cursor.isPresent());

    assertThat(seen).extracting(JobId::value).containsExactly("api", "batch", "docs", "web");
    assertThat(pages).isEqualTo(2);
  }

  @Test
  void jobs_pagedBySqlite_everyJobOnceInOrderAndOnlyOfTheOrganization() {
    walk(TestDatabases.sqlite());
  }

  @Test
  void jobs_pagedByPostgresql_everyJobOnceInOrderAndOnlyOfTheOrganization() {
    walk(TestDatabases.postgresql());
  }

  @Test
  void jobs_limitOutOfRange_saysTheRange() {
    assertThatThrownBy(() -> TestDatabases.sqlite().jobs(ACME, Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ask for 1 to 1000 jobs a page");
  }
}
