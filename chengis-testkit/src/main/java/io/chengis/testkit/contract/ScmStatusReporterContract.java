package io.chengis.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chengis.api.BuildId;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.api.spi.StatusReport;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link ScmStatusReporter}, for every implementation: every report reaches the
 * forge once, for its commit, in order per build; success and failure look different there; long
 * and non-ASCII descriptions are published, not refused; credentials in the repository URL never
 * show up in an exception. Reporters that publish over HTTP also pass {@link
 * ForgeStatusReporterContract} (retries). Subclasses point the reporter at a local server that
 * checks the requests the forge documents, and report what it received.
 *
 * @since 0.1.0
 */
public abstract class ScmStatusReporterContract {
  /** The repository every report is for; subclasses' reporters may need to know it. */
  protected static final String REPOSITORY = "https://git.example.com/acme/api-service.git";

  ScmStatusReporter reporter;

  /** For subclasses, which supply the implementation under test. */
  protected ScmStatusReporterContract() {}

  /**
   * A new reporter, publishing to a fresh forge.
   *
   * @return the reporter
   */
  protected abstract ScmStatusReporter newReporter();

  /**
   * The statuses the forge received so far, in the order they arrived.
   *
   * @return the statuses
   */
  protected abstract List<PublishedStatus> published();

  @BeforeEach
  void createReporter() {
    reporter = newReporter();
  }

  static String commit(int n) {
    return String.format("%040x", 0xc0ffee00L + n);
  }

  static StatusReport report(
      BuildId build, String commit, BuildState state, Optional<Conclusion> conclusion) {
    return new StatusReport(
        StoreFixtures.ACME,
        JobId.of("api-service"),
        build,
        REPOSITORY,
        commit,
        state,
        conclusion,
        "Build #7 " + state.name().toLowerCase(java.util.Locale.ROOT),
        Optional.of(URI.create("https://ci.example.com/builds/7")));
  }

  /** A report for a repository URL that carries a credential. */
  static StatusReport withCredential(String secret, String commit, BuildState state) {
    return new StatusReport(
        StoreFixtures.ACME,
        JobId.of("api-service"),
        StoreFixtures.buildId(),
        "https://ci-bot:" + secret + "@git.example.com/acme/api-service.git",
        commit,
        state,
        Optional.empty(),
        "queued",
        Optional.empty());
  }

  @Test
  void report_aBuildsLifecycle_isPublishedInOrderForItsCommit() {
    BuildId build = StoreFixtures.buildId();
    String commit = commit(1);

    reporter.report(report(build, commit, BuildState.QUEUED, Optional.empty()));
    reporter.report(report(build, commit, BuildState.RUNNING, Optional.empty()));
    reporter.report(report(build, commit, BuildState.FINISHED, Optional.of(Conclusion.SUCCESS)));

    assertThat(published())
        .extracting(PublishedStatus::commit)
        .containsExactly(commit, commit, commit);
  }

  @Test
  void report_successAndFailure_lookDifferentOnTheForge() {
    reporter.report(
        report(
            StoreFixtures.buildId(),
            commit(2),
            BuildState.FINISHED,
            Optional.of(Conclusion.SUCCESS)));
    reporter.report(
        report(
            StoreFixtures.buildId(),
            commit(3),
            BuildState.FINISHED,
            Optional.of(Conclusion.FAILURE)));

    List<PublishedStatus> statuses = published();
    assertThat(statuses).hasSize(2);
    assertThat(statuses.get(0).state()).isNotEqualTo(statuses.get(1).state());
  }

  @Test
  void report_runningAndFinished_lookDifferentOnTheForge() {
    BuildId build = StoreFixtures.buildId();
    reporter.report(report(build, commit(4), BuildState.RUNNING, Optional.empty()));
    reporter.report(report(build, commit(4), BuildState.FINISHED, Optional.of(Conclusion.SUCCESS)));

    List<PublishedStatus> statuses = published();
    assertThat(statuses).hasSize(2);
    assertThat(statuses.get(0).state()).isNotEqualTo(statuses.get(1).state());
  }

  @Test
  void report_longNonAsciiDescriptionWithoutDetailsUrl_isPublished() {
    StatusReport report =
        new StatusReport(
            StoreFixtures.ACME,
            JobId.of("api-service"),
            StoreFixtures.buildId(),
            REPOSITORY,
            commit(5),
            BuildState.FINISHED,
            Optional.of(Conclusion.FAILURE),
            "Tests échoués — ".repeat(40),
            Optional.empty());

    reporter.report(report);

    assertThat(published()).extracting(PublishedStatus::commit).containsExactly(commit(5));
  }

  @Test
  void report_manyBuildsAtOnce_eachIsPublishedOnce() throws Exception {
    List<Callable<Void>> tasks = new ArrayList<>();
    List<String> commits = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String commit = commit(100 + i);
      commits.add(commit);
      StatusReport report =
          report(
              StoreFixtures.buildId(),
              commit,
              BuildState.FINISHED,
              Optional.of(Conclusion.SUCCESS));
      tasks.add(
          () -> {
            reporter.report(report);
            return null;
          });
    }

    StoreFixtures.concurrently(tasks);

    assertThat(published())
        .extracting(PublishedStatus::commit)
        .containsExactlyInAnyOrderElementsOf(commits);
  }

  @Test
  void report_credentialsInTheRepositoryUrl_neverAppearInAFailureMessage() {
    String secret = "ghp_contractSecret0123456789";
    StatusReport report = withCredential(secret, commit(6), BuildState.QUEUED);

    Throwable failure = catchThrowable(() -> reporter.report(report));

    if (failure != null) {
      assertThat(failure.toString()).doesNotContain(secret);
    }
    assertThat(reporter.toString()).doesNotContain(secret);
  }
}
