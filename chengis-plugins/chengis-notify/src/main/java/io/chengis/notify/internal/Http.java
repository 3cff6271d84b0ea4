package io.chengis.notify.internal;

import io.chengis.api.PluginException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Posts JSON and checks the answer; messages never name the URL (it may hold a token). */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private Http() {}

  /**
   * Posts a JSON body.
   *
   * @param notifier the notifier type, for messages
   * @param url the address
   * @param body the JSON
   * @param headers more headers
   * @param timeout the request timeout
   * @throws PluginException when the server cannot be reached or answers other than 2xx
   * @throws InterruptedException when interrupted while waiting
   */
  public static void postJson(
      String notifier, String url, String body, Map<String, String> headers, Duration timeout)
      throws InterruptedException {
    URI target;
    try {
      target = URI.create(url);
    } catch (IllegalArgumentException malformed) {
      throw new PluginException(
          notifier + " notifier: the URL setting is not a valid URL; give an https:// address");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Chengis")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException unreachable) {
      throw new PluginException(
          notifier
              + " notifier: the server at "
              + target.getHost()
              + " could not be reached ("
              + unreachable.getClass().getSimpleName()
              + "); check the URL and the network",
          unreachable);
    }
    if (response.statusCode() / 100 != 2) {
      String answer = response.body();
      throw new PluginException(
          notifier
              + " notifier: "
              + target.getHost()
              + " refused the message (was HTTP "
              + response.statusCode()
              + (answer.isBlank()
                  ? ""
                  : ": " + answer.substring(0, Math.min(200, answer.length())).strip())
              + "); check the URL and the credentials");
    }
  }
}
