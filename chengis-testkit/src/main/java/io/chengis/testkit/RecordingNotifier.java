package io.chengis.testkit;

import io.chengis.api.BuildId;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Notifier} that keeps every request it is sent, for tests of hosts and pipelines that
 * notify: {@code assertThat(notifier.builds()).containsExactly(build.id())}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class RecordingNotifier implements Notifier {
  private final List<NotificationRequest> requests = new CopyOnWriteArrayList<>();

  /** An empty recorder. */
  public RecordingNotifier() {}

  @Override
  public void send(NotificationRequest request) {
    requests.add(request);
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
