package io.chengis.notify;

import io.chengis.api.BuildId;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.Notifier;
import io.chengis.testkit.contract.NotifierContract;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The notifier contract against the console notifier. Its lines do not carry the build id, so the
 * notifier under test is the real one behind a pass-through that tells the sink which request is
 * being written on this thread; a delivery is a headline line written for that request.
 */
class ConsoleNotifierContractTest extends NotifierContract {
  private final ThreadLocal<BuildId> writing = new ThreadLocal<>();
  private final List<BuildId> headlines = new CopyOnWriteArrayList<>();

  @Override
  protected Notifier newNotifier() {
    ConsoleNotifier console =
        ConsoleNotifier.to(
            line -> {
              if (line.contains("api-service #7")) {
                headlines.add(writing.get());
              }
            });
    return new Notifier() {
      @Override
      public void send(NotificationRequest request) {
        writing.set(request.result().buildId());
        try {
          console.send(request);
        } finally {
          writing.remove();
        }
      }

      @Override
      public String toString() {
        return console.toString();
      }
    };
  }

  @Override
  protected List<BuildId> delivered() {
    return List.copyOf(headlines);
  }
}
