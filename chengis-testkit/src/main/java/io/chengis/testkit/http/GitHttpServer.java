package io.chengis.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real smart-HTTP git server on loopback: the JDK's HTTP server in front of git's own CGI
 * program, {@code git http-backend}. The client under test (JGit) thus talks to the reference
 * implementation of the protocol, not to more JGit. Optionally demands HTTP Basic credentials, and
 * counts the bytes of upload-pack responses (the packs sent). Needs the {@code git} binary.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class GitHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;
  private final Optional<String> expectedAuthorization;
  private final AtomicLong packBytes = new AtomicLong();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private GitHttpServer(Path root, Optional<String> user, Optional<String> password)
      throws IOException {
    this.root = root;
    this.expectedAuthorization =
        user.map(
            name ->
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (name + ":" + password.orElseThrow())
                                .getBytes(StandardCharsets.UTF_8)));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/git/", this::handle);
    server.start();
  }

  /**
   * Serves the repositories under {@code root} without authentication.
   *
   * @param root a directory of repositories
   * @return the running server
   * @throws IOException when no port can be bound
   */
  public static GitHttpServer open(Path root) throws IOException {
    return new GitHttpServer(root, Optional.empty(), Optional.empty());
  }

  /**
   * Serves the repositories under {@code root} to HTTP Basic {@code user:password} only.
   *
   * @param root a directory of repositories
   * @param user the user
   * @param password the password
   * @return the running server
   * @throws IOException when no port can be bound
   */
  public static GitHttpServer requiring(Path root, String user, String password)
      throws IOException {
    return new GitHttpServer(root, Optional.of(user), Optional.of(password));
  }

  /**
   * The clone URL of a repository under the root.
   *
   * @param repository its directory name, e.g. {@code shop.git}
   * @return the URL
   */
  public String url(String repository) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + repository;
  }

  /**
   * The bytes of every upload-pack response so far: what clients fetched.
   *
   * @return the byte count
   */
  public long packBytes() {
    return packBytes.get();
  }

  /**
   * The {@code Authorization} headers received, in order.
   *
   * @return the headers
   */
  public List<String> authorizations() {
    return authorizations;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization != null) {
        authorizations.add(authorization);
      }
      if (expectedAuthorization.isPresent() && !expectedAuthorization.get().equals(authorization)) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      Path body = Files.createTempFile("git-http-body", ".bin");
      try {
        try (InputStream in = exchange.getRequestBody()) {
          Files.copy(in, body, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = cgi.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", exchange.getRequestURI().getPath().substring("/git".length()));
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put(
            "QUERY_STRING", Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        env.put(
            "CONTENT_TYPE",
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse(""));
        env.put("CONTENT_LENGTH", Long.toString(Files.size(body)));
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Encoding"))
            .ifPresent(encoding -> env.put("HTTP_CONTENT_ENCODING", encoding));
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Git-Protocol"))
            .ifPresent(protocol -> env.put("GIT_PROTOCOL", protocol));
        env.put("REMOTE_ADDR", "127.0.0.1");
        cgi.redirectInput(body.toFile());
        cgi.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = cgi.start();
        byte[] output = process.getInputStream().readAllBytes();
        process.waitFor();
        respond(exchange, output);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(500, -1);
      } finally {
        Files.deleteIfExists(body);
      }
    }
  }

  private void respond(HttpExchange exchange, byte[] output) throws IOException {
    int end = -1;
    for (int i = 0; i + 3 < output.length; i++) {
      if (output[i] == '\r'
          && output[i + 1] == '\n'
          && output[i + 2] == '\r'
          && output[i + 3] == '\n') {
        end = i;
        break;
      }
    }
    if (end < 0) {
      throw new UncheckedIOException(new IOException("git http-backend wrote no headers"));
    }
    int status = 200;
    for (String line : new String(output, 0, end, StandardCharsets.ISO_8859_1).split("\r\n")) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.substring(0, 3));
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.write(output, end + 4, output.length - end - 4);
    if (exchange.getRequestURI().getPath().endsWith("/git-upload-pack")) {
      packBytes.addAndGet(payload.size());
    }
    exchange.sendResponseHeaders(status, payload.size() == 0 ? -1 : payload.size());
    if (payload.size() > 0) {
      exchange.getResponseBody().write(payload.toByteArray());
    }
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
  }
}
