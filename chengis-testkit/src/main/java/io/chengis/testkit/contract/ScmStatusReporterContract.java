package io.chengis.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chengis.api.BuildId;
import io.chengis.api.BuildState;
import io.chengis.api.ChengisException;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.api.spi.StatusReport;
import java.net.URI;
import java.time.Duration;
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
 * show up in an exception. Subclasses point the reporter at a local server that checks the requests
 * the forge documents, and report what it received.
 *
 * @since 0.1.0
 */
public abstract class ScmStatusReporterContract {
  /** The repository every report is for; subclasses' reporters may need to know it. */
  protected static final String REPOSITORY = "https://git.example.com/acme/api-service.git";

  private ScmStatusReporter reporter;

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

  /**
   * Makes the forge answer the next request with this status and, when given, a {@code Retry-After}
   * header, for the cases that check retries. Return {@code false} (the default) when the reporter
   * has no forge that can fail; those cases are then skipped. {@link #published()} must not count
   * requests the forge answered with an error.
   *
   * @param status the HTTP status, e.g. 503 or 429
   * @param retryAfter the {@code Retry-After} value, e.g. {@code 7}
   * @return whether the next request will get that answer
   */
  protected boolean failNextRequest(int status, Optional<String> retryAfter) {
    return false;
  }

  /**
   * The waits between attempts the reporter made so far, when the subclass can see them (an
   * injected sleeper); empty when it cannot.
   *
   * @return the waits, in order
   */
  protected Optional<List<Duration>> waits() {
    return Optional.empty();
  }

  @BeforeEach
  void createReporter() {
    reporter = newReporter();
  }

  private static String commit(int n) {
    return String.format("%040x", 0xc0ffee00L + n);
  }

  private static StatusReport report(
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
  private static StatusReport withCredential(String secret, String commit, BuildState state) {
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
  void report_forgeAnswers503Once_isRetriedAndPublishedOnce() {
    assumeTrue(failNextRequest(503, Optional.empty()), "the reporter has no forge that can fail");

    reporter.report(
        report(
            StoreFixtures.buildId(),
            commit(7),
            BuildState.FINISHED,
            Optional.of(Conclusion.SUCCESS)));

    assertThat(published()).extracting(PublishedStatus::commit).containsExactly(commit(7));
    waits().ifPresent(waits -> assertThat(waits).hasSize(1));
  }

  @Test
  void report_forgeAnswers429WithRetryAfter_waitsAsToldThenPublishes() {
    assumeTrue(failNextRequest(429, Optional.of("7")), "the reporter has no forge that can fail");

    reporter.report(
        report(StoreFixtures.buildId(), commit(8), BuildState.RUNNING, Optional.empty()));

    assertThat(published()).extracting(PublishedStatus::commit).containsExactly(commit(8));
    waits().ifPresent(waits -> assertThat(waits).containsExactly(Duration.ofSeconds(7)));
  }

  @Test
  void report_forgeKeepsFailing_givesUpWithAChengisExceptionNamingNoCredential() {
    String secret = "ghp_contractSecret0123456789";
    for (int i = 0; i < 20; i++) {
      assumeTrue(failNextRequest(500, Optional.empty()), "the reporter has no forge that can fail");
    }
    StatusReport report = withCredential(secret, commit(9), BuildState.QUEUED);

    Throwable failure = catchThrowable(() -> reporter.report(report));

    // The engine turns this into a build warning; a bounded number of attempts, then a Chengis
    // exception that says what went wrong.
    assertThat(failure).isInstanceOf(ChengisException.class);
    assertThat(failure.getMessage()).isNotBlank().doesNotContain(secret);
    assertThat(published()).isEmpty();
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
