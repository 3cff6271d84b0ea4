package io.chengis.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chengis.api.BuildState;
import io.chengis.api.ChengisException;
import io.chengis.api.Conclusion;
import io.chengis.api.spi.StatusReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@link ScmStatusReporterContract} plus what a reporter that publishes to a forge over HTTP
 * must do when the forge fails: a 5xx is retried and the status published once; a 429 waits as long
 * as {@code Retry-After} says; a forge that keeps failing ends in a {@link ChengisException} after
 * a bounded number of attempts, without the URL's credential. Subclasses run the reporter against a
 * local server that can be told to answer the next request with an error.
 *
 * @since 0.1.0
 */
public abstract class ForgeStatusReporterContract extends ScmStatusReporterContract {
  /** For subclasses, which supply the implementation under test. */
  protected ForgeStatusReporterContract() {}

  /**
   * Makes the forge answer the next request with this status and, when given, a {@code Retry-After}
   * header, for the cases that check retries. Return {@code false} only when the forge cannot be
   * told to fail, which fails the case. {@link #published()} must not count requests the forge
   * answered with an error.
   *
   * @param status the HTTP status, e.g. 503 or 429
   * @param retryAfter the {@code Retry-After} value, e.g. {@code 7}
   * @return whether the next request will get that answer
   */
  protected abstract boolean failNextRequest(int status, Optional<String> retryAfter);

  /**
   * The waits between attempts the reporter made so far, when the subclass can see them (an
   * injected sleeper); empty when it cannot.
   *
   * @return the waits, in order
   */
  protected abstract Optional<List<Duration>> waits();

  @Test
  void report_forgeAnswers503Once_isRetriedAndPublishedOnce() {
    assertThat(failNextRequest(503, Optional.empty())).as("the forge can be told to fail").isTrue();

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
    assertThat(failNextRequest(429, Optional.of("7"))).as("the forge can be told to fail").isTrue();

    reporter.report(
        report(StoreFixtures.buildId(), commit(8), BuildState.RUNNING, Optional.empty()));

    assertThat(published()).extracting(PublishedStatus::commit).containsExactly(commit(8));
    waits().ifPresent(waits -> assertThat(waits).containsExactly(Duration.ofSeconds(7)));
  }

  @Test
  void report_forgeKeepsFailing_givesUpWithAChengisExceptionNamingNoCredential() {
    String secret = "ghp_contractSecret0123456789";
    for (int i = 0; i < 20; i++) {
      assertThat(failNextRequest(500, Optional.empty()))
          .as("the forge can be told to fail")
          .isTrue();
    }
    StatusReport report = withCredential(secret, commit(9), BuildState.QUEUED);

    Throwable failure = catchThrowable(() -> reporter.report(report));

    // The engine turns this into a build warning; a bounded number of attempts, then a Chengis
    // exception that says what went wrong.
    assertThat(failure).isInstanceOf(ChengisException.class);
    assertThat(failure.getMessage()).isNotBlank().doesNotContain(secret);
    assertThat(published()).isEmpty();
  }
}
