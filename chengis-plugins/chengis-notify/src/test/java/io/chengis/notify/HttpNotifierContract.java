package io.chengis.notify;

import io.chengis.testkit.contract.NotifierContract;
import io.chengis.testkit.http.LocalHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * The testkit's {@link NotifierContract} for a notifier that posts to a local HTTP server; the
 * subclass reads the build id out of each request it received.
 */
abstract class HttpNotifierContract extends NotifierContract {
  final LocalHttpServer receiver;
  private final AtomicInteger refused = new AtomicInteger();

  HttpNotifierContract() {
    try {
      receiver = new LocalHttpServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  /** The build id one request carried. */
  abstract String buildId(LocalHttpServer.Received request);

  @Override
  protected List<io.chengis.api.BuildId> delivered() {
    List<LocalHttpServer.Received> all = receiver.received();
    return all.subList(Math.min(refused.get(), all.size()), all.size()).stream()
        .map(request -> io.chengis.api.BuildId.of(buildId(request)))
        .toList();
  }

  @Override
  protected boolean refuseNextDelivery() {
    receiver.answer(503, "unavailable");
    refused.incrementAndGet();
    return true;
  }
}
