package io.chengis.testkit.contract;

import static io.chengis.testkit.contract.StoreFixtures.ACME;
import static io.chengis.testkit.contract.StoreFixtures.API;
import static io.chengis.testkit.contract.StoreFixtures.GLOBEX;
import static io.chengis.testkit.contract.StoreFixtures.T0;
import static io.chengis.testkit.contract.StoreFixtures.WEB;
import static io.chengis.testkit.contract.StoreFixtures.buildId;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.ArtifactCatalog;
import io.chengis.api.spi.ArtifactRecord;
import io.chengis.api.spi.BuildRef;
import io.chengis.api.spi.JobRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link ArtifactCatalog}, the metadata of stored artifacts, for every
 * implementation.
 */
public abstract class ArtifactCatalogContract {
  /** For subclasses, which supply the implementation under test. */
  protected ArtifactCatalogContract() {}

  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "0123456789abcdef".repeat(4);

  private ArtifactCatalog catalog;

  /**
   * A new catalog; it may hold records of earlier tests (build ids are never reused).
   *
   * @return the catalog under test
   */
  protected abstract ArtifactCatalog newCatalog();

  @BeforeEach
  void createCatalog() {
    catalog = newCatalog();
  }

  private static ArtifactRecord artifact(
      OrgId org, BuildId build, JobId job, String path, String sha, int second) {
    return new ArtifactRecord(org, build, job, path, 10 + second, sha, T0.plusSeconds(second));
  }

  @Test
  void list_afterRecords_returnsTheBuildsArtifactsInPathOrder() {
    BuildId build = buildId();
    ArtifactRecord jar = artifact(ACME, build, API, "target/app.jar", SHA_A, 1);
    ArtifactRecord report = artifact(ACME, build, API, "reports/junit.xml", SHA_B, 2);
    catalog.record(jar);
    catalog.record(report);
    catalog.record(artifact(ACME, buildId(), API, "target/app.jar", SHA_B, 3));

    assertThat(catalog.list(new BuildRef(ACME, build))).containsExactly(report, jar);
  }

  @Test
  void list_unknownBuild_isEmpty() {
    assertThat(catalog.list(new BuildRef(ACME, buildId()))).isEmpty();
  }

  @Test
  void record_samePathAgain_replacesTheRecord() {
    BuildId build = buildId();
    catalog.record(artifact(ACME, build, API, "app.jar", SHA_A, 1));
    ArtifactRecord again = artifact(ACME, build, API, "app.jar", SHA_B, 2);

    catalog.record(again);

    assertThat(catalog.list(new BuildRef(ACME, build))).containsExactly(again);
  }

  @Test
  void latest_severalBuildsOfTheJob_returnsTheNewestRecorded() {
    JobId job = JobId.of("catalog-" + buildId().value().toLowerCase(java.util.Locale.ROOT));
    catalog.record(artifact(ACME, buildId(), job, "app.jar", SHA_A, 1));
    ArtifactRecord newest = artifact(ACME, buildId(), job, "app.jar", SHA_B, 2);
    catalog.record(newest);
    catalog.record(artifact(ACME, buildId(), job, "other.jar", SHA_A, 3));

    assertThat(catalog.latest(new JobRef(ACME, job), "app.jar")).contains(newest);
    assertThat(catalog.latest(new JobRef(ACME, job), "missing.jar")).isEmpty();
  }

  @Test
  void organizationsAndJobs_areSeparate() {
    BuildId build = buildId();
    JobId job = JobId.of("sep-" + build.value().toLowerCase(java.util.Locale.ROOT));
    ArtifactRecord acme = artifact(ACME, build, job, "app.jar", SHA_A, 1);
    catalog.record(acme);
    catalog.record(artifact(ACME, buildId(), WEB, "app.jar", SHA_B, 2));

    assertThat(catalog.list(new BuildRef(GLOBEX, build))).isEmpty();
    assertThat(catalog.latest(new JobRef(GLOBEX, job), "app.jar")).isEmpty();
    assertThat(catalog.latest(new JobRef(ACME, job), "app.jar")).contains(acme);
  }
}
