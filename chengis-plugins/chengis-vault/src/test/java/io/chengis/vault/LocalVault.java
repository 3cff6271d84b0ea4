package io.chengis.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback that answers as Vault's documented API does, for the parts the
 * backend uses: KV v2 reads ({@code GET /v1/<mount>/data/<path>[?version=n]}, {@code data.data},
 * {@code data.metadata.version}, 404 for a missing or deleted version), {@code X-Vault-Token}
 * checks (403 {@code {"errors":["permission denied"]}}), {@code X-Vault-Namespace} (each namespace
 * its own store) and AppRole login ({@code POST /v1/auth/approle/login}).
 */
final class LocalVault implements AutoCloseable {
  /** One request as received. */
  record Received(String method, String path, String token, String namespace) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final Map<String, List<Map<String, String>>> versions = new HashMap<>();
  private final Set<String> deleted = new HashSet<>();
  private final Set<String> tokens = new HashSet<>();
  private final Map<String, String> roles = new HashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private int issued;
  private long leaseSeconds = 3600;

  LocalVault() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized void token(String token) {
    tokens.add(token);
  }

  synchronized void revokeAll() {
    tokens.clear();
  }

  synchronized void role(String roleId, String secretId, long leaseSeconds) {
    roles.put(roleId, secretId);
    this.leaseSeconds = leaseSeconds;
  }

  /** Writes a new version of a secret (namespace "" is the root). */
  synchronized void put(String namespace, String mountAndPath, Map<String, String> data) {
    versions.computeIfAbsent(namespace + "|" + mountAndPath, k -> new ArrayList<>()).add(data);
  }

  synchronized void deleteVersion(String namespace, String mountAndPath, int version) {
    deleted.add(namespace + "|" + mountAndPath + "#" + version);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  long reads() {
    return received.stream().filter(r -> r.method().equals("GET")).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
    String namespace = exchange.getRequestHeaders().getFirst("X-Vault-Namespace");
    URI uri = exchange.getRequestURI();
    received.add(new Received(exchange.getRequestMethod(), uri.toString(), token, namespace));
    byte[] requestBody = exchange.getRequestBody().readAllBytes();
    synchronized (this) {
      String path = uri.getRawPath();
      if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/auth/approle/login")) {
        JsonNode login = JSON.readTree(requestBody);
        String secret = roles.get(login.path("role_id").asText());
        if (secret == null || !secret.equals(login.path("secret_id").asText())) {
          answer(exchange, 400, "{\"errors\":[\"invalid role or secret ID\"]}");
          return;
        }
        String client = "hvs.issued-" + (++issued);
        tokens.add(client);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        auth.put("client_token", client);
        auth.put("lease_duration", leaseSeconds);
        auth.put("renewable", true);
        answer(exchange, 200, body.toString());
        return;
      }
      if (token == null || !tokens.contains(token)) {
        answer(exchange, 403, "{\"errors\":[\"permission denied\"]}");
        return;
      }
      if (!exchange.getRequestMethod().equals("GET") || !path.startsWith("/v1/")) {
        answer(exchange, 405, "{\"errors\":[]}");
        return;
      }
      String rest = path.substring("/v1/".length());
      int data = rest.indexOf("/data/");
      if (data < 0) {
        answer(exchange, 404, "{\"errors\":[]}");
        return;
      }
      String mountAndPath =
          rest.substring(0, data)
              + "/"
              + java.net.URLDecoder.decode(
                  rest.substring(data + "/data/".length()), StandardCharsets.UTF_8);
      String key = (namespace == null ? "" : namespace) + "|" + mountAndPath;
      List<Map<String, String>> all = versions.get(key);
      int version = all == null ? 0 : all.size();
      String query = uri.getRawQuery();
      if (query != null && query.startsWith("version=")) {
        version = Integer.parseInt(query.substring("version=".length()));
      }
      if (all == null
          || version < 1
          || version > all.size()
          || deleted.contains(key + "#" + version)) {
        answer(exchange, 404, "{\"errors\":[]}");
        return;
      }
      ObjectNode body = JSON.createObjectNode();
      ObjectNode inner = body.putObject("data");
      ObjectNode values = inner.putObject("data");
      all.get(version - 1).forEach(values::put);
      ObjectNode metadata = inner.putObject("metadata");
      metadata.put("created_time", "2026-11-27T10:00:00.000000Z");
      metadata.put("deletion_time", "");
      metadata.put("destroyed", false);
      metadata.put("version", version);
      answer(exchange, 200, body.toString());
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
