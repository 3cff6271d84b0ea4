package io.chengis.notify;

import io.chengis.api.BuildId;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.Notifier;
import io.chengis.testkit.contract.NotifierContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The notifier contract against the console notifier. Its lines do not carry the build id, so the
 * notifier under test is the real one behind a pass-through that tells the sink which request is
 * being written on this thread; a delivery is a headline line written for that request.
 */
class ConsoleNotifierContractTest extends NotifierContract {
  private final ThreadLocal<BuildId> writing = new ThreadLocal<>();
  private final List<BuildId> headlines = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  @Override
  protected Notifier newNotifier() {
    ConsoleNotifier console =
        ConsoleNotifier.to(
            line -> {
              if (closed.getAndSet(false)) {
                throw new UncheckedIOException(new IOException("Broken pipe"));
              }
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

  /** The console refuses by failing to write, as a closed standard output does. */
  @Override
  protected boolean refuseNextDelivery() {
    closed.set(true);
    return true;
  }

  @Override
  protected List<BuildId> delivered() {
    return List.copyOf(headlines);
  }
}
