package io.chengis.testkit;

import io.chengis.api.BuildId;
import io.chengis.api.PluginException;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Notifier} that keeps every request it is sent, for tests of hosts and pipelines that
 * notify: {@code assertThat(notifier.builds()).containsExactly(build.id())}.
 *
 * <p>{@link #refuseNext(String)} makes the next send fail as a broken destination would, to test
 * that a failing notifier never fails a build.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class RecordingNotifier implements Notifier {
  private final List<NotificationRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> refusal = new AtomicReference<>();

  /** An empty recorder. */
  public RecordingNotifier() {}

  @Override
  public void send(NotificationRequest request) {
    String reason = refusal.getAndSet(null);
    if (reason != null) {
      throw new PluginException(
          "recording notifier: refused the notification of build "
              + request.result().buildId()
              + ": "
              + reason);
    }
    requests.add(request);
  }

  /**
   * Makes the next {@link #send} fail with a {@link PluginException} carrying this reason, without
   * recording the request; later sends are recorded again.
   *
   * @param reason why the destination refuses, e.g. {@code "HTTP 503"}
   * @since 0.1.0
   */
  public void refuseNext(String reason) {
    refusal.set(java.util.Objects.requireNonNull(reason, "reason"));
  }

  /**
   * Every request received, in order.
   *
   * @return the requests
   * @since 0.1.0
   */
  public List<NotificationRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * The builds notified about, in order.
   *
   * @return the build ids
   * @since 0.1.0
   */
  public List<BuildId> builds() {
    return requests.stream().map(request -> request.result().buildId()).toList();
  }

  /**
   * The number of requests received; the configuration values are not shown, they may be secret.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "RecordingNotifier[" + requests.size() + " requests]";
  }
}
