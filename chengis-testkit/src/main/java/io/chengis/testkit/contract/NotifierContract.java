package io.chengis.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chengis.api.BuildId;
import io.chengis.api.BuildResult;
import io.chengis.api.ChengisException;
import io.chengis.api.Conclusion;
import io.chengis.api.JobId;
import io.chengis.api.Outcome;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.Notifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link Notifier}, for every implementation: each request is delivered once, for
 * every conclusion, from many threads at once, and secret configuration never shows up in an
 * exception. Subclasses point the notifier at a destination they can read back (a local HTTP or
 * SMTP server) and report what arrived.
 *
 * <pre>{@code
 * class SlackNotifierTest extends NotifierContract {
 *   final LocalWebhookServer server = LocalWebhookServer.start();
 *   protected Notifier newNotifier() { return new SlackNotifier(); }
 *   protected Map<String, String> config() { return Map.of("url", server.url()); }
 *   protected List<BuildId> delivered() { return server.buildIds(); }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class NotifierContract {
  /** A value that stands for a secret in the configuration; it must never appear in a message. */
  protected static final String SECRET = "xoxb-contract-secret-0123456789";

  private Notifier notifier;

  /** For subclasses, which supply the implementation under test. */
  protected NotifierContract() {}

  /**
   * A new notifier, delivering to a fresh destination.
   *
   * @return the notifier
   */
  protected abstract Notifier newNotifier();

  /**
   * The configuration every request carries (the destination's address, ...); empty by default.
   *
   * @return the configuration
   */
  protected Map<String, String> config() {
    return Map.of();
  }

  /**
   * The builds whose notifications reached the destination so far, in the order they arrived.
   *
   * @return the build ids
   */
  protected abstract List<BuildId> delivered();

  /**
   * Makes the destination refuse the next delivery (an HTTP 5xx, an SMTP rejection), for the case
   * that checks a refused notification fails with a clear {@link io.chengis.api.ChengisException}.
   * A console refuses by failing to write, a recording double by {@code refuseNext}. Return {@code
   * false} only when the destination cannot be told to refuse, which fails the case.
   *
   * @return whether the next delivery will be refused
   */
  protected abstract boolean refuseNextDelivery();

  @BeforeEach
  void createNotifier() {
    notifier = newNotifier();
  }

  private NotificationRequest request(Conclusion conclusion) {
    return new NotificationRequest(StoreFixtures.ACME, result(conclusion), config());
  }

  static BuildResult result(Conclusion conclusion) {
    Outcome outcome = Outcome.valueOf(conclusion.name());
    StepResult step =
        new StepResult(
            "unit tests ✓",
            outcome,
            conclusion,
            Optional.of(StoreFixtures.T0),
            Optional.of(StoreFixtures.T0.plusSeconds(30)),
            conclusion == Conclusion.SUCCESS ? Optional.of(0) : Optional.of(1),
            1,
            conclusion == Conclusion.SUCCESS ? Optional.empty() : Optional.of("exit code 1"),
            Map.of());
    StageResult stage =
        new StageResult(
            "Build [os=linux]",
            Map.of("os", "linux"),
            outcome,
            conclusion,
            Optional.of(StoreFixtures.T0),
            Optional.of(StoreFixtures.T0.plusSeconds(30)),
            step.reason(),
            List.of(step),
            Map.of());
    return new BuildResult(
        StoreFixtures.buildId(),
        JobId.of("api-service"),
        7,
        1,
        Optional.empty(),
        outcome,
        conclusion,
        Optional.of(StoreFixtures.T0),
        Optional.of(StoreFixtures.T0.plusSeconds(60)),
        step.reason(),
        List.of(stage),
        List.of(),
        List.of());
  }

  @Test
  void send_finishedBuild_isDeliveredOnce() {
    NotificationRequest request = request(Conclusion.SUCCESS);

    notifier.send(request);

    assertThat(delivered()).containsExactly(request.result().buildId());
  }

  @Test
  void send_everyConclusion_isDelivered() {
    List<BuildId> sent = new ArrayList<>();
    for (Conclusion conclusion :
        List.of(
            Conclusion.SUCCESS, Conclusion.FAILURE, Conclusion.TIMED_OUT, Conclusion.CANCELLED)) {
      NotificationRequest request = request(conclusion);
      sent.add(request.result().buildId());
      notifier.send(request);
    }

    assertThat(delivered()).containsExactlyElementsOf(sent);
  }

  @Test
  void send_fromManyThreadsAtOnce_deliversEachExactlyOnce() throws Exception {
    List<NotificationRequest> requests = new ArrayList<>();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      NotificationRequest request = request(i % 2 == 0 ? Conclusion.SUCCESS : Conclusion.FAILURE);
      requests.add(request);
      tasks.add(
          () -> {
            notifier.send(request);
            return null;
          });
    }

    StoreFixtures.concurrently(tasks);

    assertThat(delivered())
        .containsExactlyInAnyOrderElementsOf(
            requests.stream().map(r -> r.result().buildId()).toList());
  }

  @Test
  void send_destinationRefuses_failsWithAChengisExceptionNamingNoSecret() {
    assertThat(refuseNextDelivery()).as("the destination can be told to refuse").isTrue();
    Map<String, String> config = new LinkedHashMap<>(config());
    config.put("token", SECRET);
    NotificationRequest request =
        new NotificationRequest(StoreFixtures.ACME, result(Conclusion.FAILURE), config);

    Throwable failure = catchThrowable(() -> notifier.send(request));

    // The engine turns this into a build warning; it must be a Chengis exception with a message
    // that says what went wrong, not an arbitrary runtime exception or error.
    assertThat(failure).isInstanceOf(ChengisException.class);
    assertThat(failure.getMessage()).isNotBlank().doesNotContain(SECRET);
    assertThat(delivered()).doesNotContain(request.result().buildId());
  }

  @Test
  void send_secretInTheConfiguration_neverAppearsInAFailureMessage() {
    Map<String, String> config = new LinkedHashMap<>(config());
    config.put("token", SECRET);
    NotificationRequest request =
        new NotificationRequest(StoreFixtures.ACME, result(Conclusion.FAILURE), config);

    Throwable failure = catchThrowable(() -> notifier.send(request));

    assertThat(request.toString()).doesNotContain(SECRET);
    if (failure != null) {
      assertThat(String.valueOf(failure.getMessage())).doesNotContain(SECRET);
      assertThat(failure.toString()).doesNotContain(SECRET);
    }
    assertThat(notifier.toString()).doesNotContain(SECRET);
  }
}
