package io.chengis.scm.internal;

import io.chengis.api.PluginException;
import io.chengis.scm.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one forge API call, retrying on 5xx, 429 and connection failures with exponential backoff
 * ({@code initial * 2^n}, capped), honouring {@code Retry-After} (seconds or an HTTP date) when the
 * server sends one. Messages never contain the credentials.
 *
 * @param client the HTTP client
 * @param sleeper waits between attempts
 * @param clock reads the time, for HTTP-date {@code Retry-After}
 * @param maxAttempts attempts in all, at least 1
 * @param initialBackoff the first wait
 * @param maxBackoff the longest wait
 * @param timeout each request's timeout
 */
public record ForgeHttp(
    HttpClient client,
    Sleeper sleeper,
    InstantSource clock,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration timeout) {

  /** A request to send. */
  public record Call(String method, URI uri, Map<String, String> headers, String body) {}

  /**
   * Sends a call, with retries.
   *
   * @param what the call in words, for messages
   * @param call the call
   * @return the response body
   * @throws PluginException when the last attempt fails or the answer is a 4xx other than 429
   * @throws InterruptedException when interrupted while waiting
   */
  public String send(String what, Call call) throws InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(call.uri())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Chengis")
            .method(
                call.method(),
                HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
    call.headers().forEach(builder::header);
    HttpRequest request = builder.build();
    String last = "";
    for (int attempt = 1; ; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return response.body();
        }
        last = "HTTP " + status + body(response.body());
        if (status != 429 && status / 100 != 5) {
          throw new PluginException(
              what
                  + ": "
                  + call.uri().getHost()
                  + " refused "
                  + call.method()
                  + " "
                  + call.uri().getRawPath()
                  + " (was "
                  + last
                  + "); check the token's permissions and the repository");
        }
        retryAfter = response.headers().firstValue("Retry-After").flatMap(this::retryAfter);
      } catch (IOException unreachable) {
        last = unreachable.getClass().getSimpleName();
      }
      if (attempt >= maxAttempts) {
        throw new PluginException(
            what
                + ": "
                + call.uri().getHost()
                + " did not accept "
                + call.method()
                + " "
                + call.uri().getRawPath()
                + " after "
                + attempt
                + " attempt"
                + (attempt == 1 ? "" : "s")
                + " (last: "
                + last
                + "); the forge may be down, the status is lost");
      }
      sleeper.sleep(retryAfter.orElse(backoff(attempt)));
    }
  }

  private Duration backoff(int attempt) {
    Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private Optional<Duration> retryAfter(String value) {
    String text = value.strip();
    if (text.matches("[0-9]{1,9}")) {
      return Optional.of(cap(Duration.ofSeconds(Long.parseLong(text))));
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return Optional.of(cap(wait.isNegative() ? Duration.ZERO : wait));
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * A server may ask for long waits; the reporter's caller has a timeout, so wait at most 10 min.
   */
  private static Duration cap(Duration wait) {
    Duration most = Duration.ofMinutes(10);
    return wait.compareTo(most) > 0 ? most : wait;
  }

  private static String body(String body) {
    String text = body.strip();
    return text.isEmpty() ? "" : ": " + text.substring(0, Math.min(200, text.length()));
  }
}
