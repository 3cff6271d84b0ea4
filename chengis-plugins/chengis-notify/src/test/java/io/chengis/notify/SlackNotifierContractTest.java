package io.chengis.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.api.spi.Notifier;
import io.chengis.testkit.http.LocalHttpServer;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The notifier contract against the Slack notifier and a loopback incoming webhook. */
class SlackNotifierContractTest extends HttpNotifierContract {
  private static final Pattern BUILD = Pattern.compile("build `([^`]+)`");

  @Override
  protected Notifier newNotifier() {
    return SlackNotifier.create(Map.of());
  }

  @Override
  protected Map<String, String> config() {
    return Map.of("webhookUrl", receiver.url("/services/T000/B000/contract"));
  }

  @Override
  String buildId(LocalHttpServer.Received request) {
    try {
      // A context block carries "build `<id>`".
      for (JsonNode block : new ObjectMapper().readTree(request.body()).path("blocks")) {
        for (JsonNode element : block.path("elements")) {
          Matcher build = BUILD.matcher(element.path("text").asText());
          if (build.matches()) {
            return build.group(1);
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + request.body(), e);
    }
    throw new AssertionError("no build id in the message: " + request.body());
  }
}
