package io.chengis.scm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP server that runs a {@link WebhookEndpoint} under {@code /webhooks/}, one virtual
 * thread per request, for hosts without an HTTP server of their own (and {@code chengis serve}).
 * Close it to stop.
 *
 * @since 0.1.0
 */
public final class WebhookServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;

  private WebhookServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Starts serving the endpoint.
   *
   * @param address where to listen; port 0 picks a free port
   * @param endpoint the endpoint
   * @return the running server
   * @throws UncheckedIOException when the address cannot be bound (the message names it)
   * @since 0.1.0
   */
  public static WebhookServer start(InetSocketAddress address, WebhookEndpoint endpoint) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(endpoint, "endpoint");
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "webhook server: cannot listen on "
              + address
              + " ("
              + e.getMessage()
              + "); choose a free port, or 0 for any",
          e);
    }
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(threads);
    server.createContext("/webhooks/", endpoint);
    server.start();
    return new WebhookServer(server, threads);
  }

  /**
   * The base address of the endpoints, e.g. {@code http://127.0.0.1:8080/webhooks/}.
   *
   * @return the address
   * @since 0.1.0
   */
  public URI uri() {
    InetSocketAddress bound = server.getAddress();
    return URI.create(
        "http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort() + "/webhooks/");
  }

  /**
   * The port listened on.
   *
   * @return the port
   * @since 0.1.0
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops listening; requests in progress get a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    threads.close();
  }

  @Override
  public String toString() {
    return "WebhookServer[" + uri() + "]";
  }
}
