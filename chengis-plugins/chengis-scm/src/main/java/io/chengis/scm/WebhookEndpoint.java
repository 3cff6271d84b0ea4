package io.chengis.scm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.chengis.api.ScmEvent;
import io.chengis.api.spi.WebhookDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The webhook endpoint a host mounts on a JDK {@link com.sun.net.httpserver.HttpServer} (or runs
 * with {@link WebhookServer}): {@code POST /webhooks/{provider}} with {@code provider} one of
 * {@code github}, {@code gitlab}, {@code gitea}, {@code bitbucket}. The request goes to the {@link
 * WebhookIntake} (signature check, delivery log, repeat check); an accepted event is handed to
 * {@code builds}, which starts the builds it concerns (a host wires {@code event ->
 * engine.triggerMatching(event).summary()}), and what it started is added to the delivery's record.
 *
 * <p>Answers, each with a small JSON body ({@code status}, {@code delivery}, {@code message},
 * {@code builds}): 202 accepted; 200 ignored (a repeated delivery, or an event that builds nothing:
 * a deleted branch, a closed pull request); 401 missing or wrong signature; 400 a body that is not
 * the forge's JSON, a delivery without id, or headers of another forge than the path names; 404 an
 * unknown provider; 405 not a POST; 413 a body over 25 MiB; 500 when starting the builds failed
 * (the delivery is stored and can be replayed). Thread-safe when {@code builds} is.
 *
 * @since 0.1.0
 */
public final class WebhookEndpoint implements HttpHandler {
  /** The largest body accepted, as GitHub caps its payloads. */
  static final int MAX_BODY = 25 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookIntake intake;
  private final Function<ScmEvent, List<String>> builds;

  /**
   * Creates the endpoint.
   *
   * @param intake the intake that checks and records deliveries
   * @param builds starts the builds an accepted event concerns and describes them, one line each
   * @since 0.1.0
   */
  public WebhookEndpoint(WebhookIntake intake, Function<ScmEvent, List<String>> builds) {
    this.intake = Objects.requireNonNull(intake, "intake");
    this.builds = Objects.requireNonNull(builds, "builds");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Answer answer = answer(exchange);
      byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private record Answer(int status, String json) {}

  private Answer answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String provider = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    Optional<Forge> forge = forge(provider);
    if (forge.isEmpty() || !path.matches(".*/webhooks/[^/]+")) {
      return answer(
          404,
          "unknown",
          "",
          "no webhook endpoint at "
              + path
              + "; send to /webhooks/github, /webhooks/gitlab, /webhooks/gitea or"
              + " /webhooks/bitbucket",
          List.of());
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return answer(
          405,
          "rejected",
          "",
          "webhooks are sent with POST (was " + exchange.getRequestMethod() + ")",
          List.of());
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      return answer(
          413,
          "rejected",
          "",
          "the body is larger than 25 MiB; Chengis reads forge payloads up to GitHub's limit",
          List.of());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
    Optional<String> misrouted = misrouted(forge.get(), headers);
    if (misrouted.isPresent()) {
      return answer(400, "rejected", "", misrouted.get(), List.of());
    }
    WebhookResult result = intake.receive(headers, body);
    return switch (result) {
      case WebhookResult.Rejected rejected ->
          answer(rejected.httpStatus(), "rejected", "", rejected.reason(), List.of());
      case WebhookResult.Ignored ignored ->
          answer(200, "ignored", ignored.deliveryId(), ignored.reason(), List.of());
      case WebhookResult.Accepted accepted -> started(accepted);
    };
  }

  private Answer started(WebhookResult.Accepted accepted) {
    List<String> lines;
    int status = 202;
    String outcome;
    try {
      lines = List.copyOf(builds.apply(accepted.event()));
      outcome = lines.isEmpty() ? "no registered job matches" : String.join("; ", lines);
    } catch (RuntimeException failed) {
      lines = List.of();
      status = 500;
      outcome =
          "starting the builds failed ("
              + failed.getClass().getSimpleName()
              + ": "
              + failed.getMessage()
              + "); replay the delivery once the cause is fixed";
    }
    Optional<WebhookDelivery> stored =
        intake.deliveries().find(accepted.forge().type(), accepted.deliveryId());
    String recorded = accepted.describe() + "; " + outcome;
    stored.ifPresent(delivery -> intake.deliveries().update(delivery.withResult(recorded)));
    return answer(
        status, status == 202 ? "accepted" : "failed", accepted.deliveryId(), recorded, lines);
  }

  private static Optional<Forge> forge(String provider) {
    for (Forge forge : Forge.values()) {
      if (forge.type().equals(provider)) {
        return Optional.of(forge);
      }
    }
    return Optional.empty();
  }

  /** Why the headers are another forge's than the path names, if they are. */
  private static Optional<String> misrouted(Forge path, Map<String, String> headers) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    Optional<Forge> sender =
        lower.containsKey("x-gitea-event")
            ? Optional.of(Forge.GITEA)
            : lower.containsKey("x-github-event")
                ? Optional.of(Forge.GITHUB)
                : lower.containsKey("x-gitlab-event")
                    ? Optional.of(Forge.GITLAB)
                    : lower.containsKey("x-event-key")
                        ? Optional.of(Forge.BITBUCKET)
                        : Optional.empty();
    if (sender.isEmpty() || sender.get() == path) {
      return Optional.empty();
    }
    return Optional.of(
        "the request was sent to /webhooks/"
            + path.type()
            + " but carries "
            + sender.get().type()
            + " headers; point the "
            + sender.get().type()
            + " webhook at /webhooks/"
            + sender.get().type());
  }

  private static Answer answer(
      int status, String outcome, String delivery, String message, List<String> lines) {
    ObjectNode json = JSON.createObjectNode();
    json.put("status", outcome);
    json.put("delivery", delivery);
    json.put("message", message);
    ArrayNode array = json.putArray("builds");
    lines.forEach(array::add);
    return new Answer(status, json.toString());
  }

  @Override
  public String toString() {
    return "WebhookEndpoint[" + intake + "]";
  }
}
