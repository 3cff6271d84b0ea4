package io.chengis.notify;

import io.chengis.api.BuildResult;
import io.chengis.api.PluginException;
import io.chengis.api.StageResult;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.Notifier;
import io.chengis.notify.internal.BuildSummary;
import io.chengis.notify.internal.Http;
import io.chengis.notify.internal.Json;
import io.chengis.notify.internal.Settings;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts a finished build as JSON to any URL, signed so the receiver can check it came from this
 * engine. Type {@code webhook}.
 *
 * <p>The request carries {@code X-Chengis-Event: build.finished}, {@code X-Chengis-Delivery: <build
 * id>} and, when a {@code secret} is set, {@code X-Chengis-Signature-256: sha256=<hex>}: the
 * HMAC-SHA256 of the raw body keyed with the secret, as GitHub signs its webhooks. Receivers check
 * it with {@link #verify}. Settings: {@code url} (required), {@code secret} (recommended). Thread-
 * safe.
 *
 * @since 0.1.0
 */
public final class WebhookNotifier implements Notifier {
  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Chengis-Signature-256";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final Map<String, String> defaults;

  private WebhookNotifier(Map<String, String> defaults) {
    this.defaults = Map.copyOf(defaults);
  }

  /**
   * A webhook notifier with the host's default settings.
   *
   * @param defaults settings every notification starts from, e.g. {@code url}, {@code secret}
   * @return the notifier
   * @since 0.1.0
   */
  public static WebhookNotifier create(Map<String, String> defaults) {
    return new WebhookNotifier(defaults);
  }

  /**
   * {@inheritDoc}
   *
   * @throws PluginException when the URL is missing or the receiver answers other than 2xx
   * @since 0.1.0
   */
  @Override
  public void send(NotificationRequest request) {
    Settings settings = Settings.merge("webhook", defaults, request.config());
    String url = settings.required("url", "https://deploy.example.com/hooks/chengis");
    String body = payload(request);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Chengis-Event", "build.finished");
    headers.put("X-Chengis-Delivery", request.result().buildId().toString());
    settings
        .optional("secret")
        .ifPresent(secret -> headers.put(SIGNATURE_HEADER, sign(secret, body)));
    try {
      Http.postJson("webhook", url, body, headers, TIMEOUT);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new PluginException(
          "webhook notifier: interrupted while posting; the message may not have been sent",
          interrupted);
    }
  }

  /**
   * The signature header value of a body: {@code sha256=} and the hex HMAC-SHA256.
   *
   * @param secret the shared secret
   * @param body the raw body
   * @return the header value
   * @since 0.1.0
   */
  public static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
      throw new IllegalStateException("every JDK has HmacSHA256", impossible);
    }
  }

  /**
   * Checks a received signature in constant time.
   *
   * @param secret the shared secret
   * @param body the raw body as received
   * @param signature the {@value #SIGNATURE_HEADER} header
   * @return whether it matches
   * @since 0.1.0
   */
  public static boolean verify(String secret, String body, String signature) {
    return MessageDigest.isEqual(
        sign(secret, body).getBytes(StandardCharsets.UTF_8),
        signature.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The JSON body: the build, its stages and the change against the previous build.
   *
   * @param request the notification
   * @return the JSON
   */
  static String payload(NotificationRequest request) {
    BuildResult result = request.result();
    BuildSummary summary = BuildSummary.of(request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", "build.finished");
    body.put("org", request.org().toString());
    body.put("job", result.jobId().toString());
    body.put("number", result.number());
    body.put("buildId", result.buildId().toString());
    body.put("attempt", result.attempt());
    body.put("conclusion", result.conclusion().name());
    body.put("outcome", result.outcome().name());
    body.put("startedAt", result.startedAt().map(Object::toString));
    body.put("finishedAt", result.finishedAt().map(Object::toString));
    body.put(
        "durationMillis",
        result
            .startedAt()
            .flatMap(s -> result.finishedAt().map(f -> Duration.between(s, f).toMillis())));
    body.put("reason", result.reason());
    body.put("previousConclusion", request.previous().map(Enum::name));
    body.put("change", summary.change());
    body.put("failedStages", summary.failedStages());
    List<Object> stages =
        result.stages().stream()
            .map(
                (StageResult stage) -> {
                  Map<String, Object> one = new LinkedHashMap<>();
                  one.put("name", stage.name());
                  one.put("conclusion", stage.conclusion().name());
                  return (Object) one;
                })
            .toList();
    body.put("stages", stages);
    body.put("url", summary.link());
    body.put("text", summary.headline());
    return Json.write(body);
  }

  /**
   * The notifier without its settings, which may be secret.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "WebhookNotifier" + defaults.keySet();
  }
}
