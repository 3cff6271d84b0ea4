package io.chengis.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server on loopback, port 0, that records every request and answers as told: the local
 * stand-in for a webhook receiver or a forge's API that plugin tests check exact requests against.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class LocalHttpServer implements AutoCloseable {
  /**
   * One received request; header names are lower case.
   *
   * @param method the HTTP method
   * @param path the path with its query
   * @param headers the first value of each header, by lower-case name
   * @param body the body as UTF-8 text
   */
  public record Received(String method, String path, Map<String, String> headers, String body) {
    /**
     * A header's first value.
     *
     * @param name the header's name, in any case
     * @return the value, or {@code null} when the request had no such header
     */
    // JSpecify is a compile-time annotation dependency; callers need not read its module.
    @SuppressWarnings("exports")
    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * One answer to give.
   *
   * @param status the HTTP status
   * @param headers response headers
   * @param body the body as UTF-8 text
   */
  public record Answer(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Answer> answers = new ArrayDeque<>();
  private Answer fallback = new Answer(200, Map.of(), "ok");

  /**
   * Starts the server on a free loopback port; it answers 200 "ok" until told otherwise.
   *
   * @throws IOException when no port can be bound
   */
  public LocalHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * The URL of a path on this server.
   *
   * @param path starting with {@code /}
   * @return e.g. {@code http://127.0.0.1:41234/hooks}
   */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /**
   * Queues one answer for the next request.
   *
   * @param status the HTTP status
   * @param body the body
   */
  public synchronized void answer(int status, String body) {
    answers.add(new Answer(status, Map.of(), body));
  }

  /**
   * Queues one answer with headers for the next request.
   *
   * @param status the HTTP status
   * @param headers response headers, e.g. {@code Retry-After}
   * @param body the body
   */
  public synchronized void answer(int status, Map<String, String> headers, String body) {
    answers.add(new Answer(status, headers, body));
  }

  /**
   * Sets the answer given whenever no queued answer is left.
   *
   * @param status the HTTP status
   * @param body the body
   */
  public synchronized void answerAlways(int status, String body) {
    fallback = new Answer(status, Map.of(), body);
  }

  /**
   * Every request received so far, in order.
   *
   * @return the requests
   */
  public List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
    Answer answer;
    synchronized (this) {
      answer = answers.isEmpty() ? fallback : answers.poll();
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
  }
}
