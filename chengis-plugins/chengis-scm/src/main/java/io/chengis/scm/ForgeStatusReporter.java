package io.chengis.scm;

import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.api.spi.StatusReport;
import io.chengis.scm.internal.ForgeApi;
import io.chengis.scm.internal.ForgeHttp;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Publishes build and stage statuses as commit statuses on GitHub, GitLab, Gitea or Bitbucket
 * Cloud, through each forge's documented REST endpoint, and merges pull requests for {@link
 * AutoMerge}. A failed call is retried with exponential backoff on 5xx, 429 and connection
 * failures, honouring {@code Retry-After}; other 4xx answers fail at once.
 *
 * <pre>{@code
 * ScmStatusReporter github = ForgeStatusReporter.builder(Forge.GITHUB)
 *     .token(Secret.of(System.getenv("GITHUB_TOKEN")))
 *     .build();
 * }</pre>
 *
 * <p>The status context is the report's {@link StatusReport#context()}: {@code chengis/<job>} or
 * {@code chengis/<job>/<stage>}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ForgeStatusReporter implements ScmStatusReporter {
  private final ForgeApi api;
  private final ForgeHttp http;

  private ForgeStatusReporter(ForgeApi api, ForgeHttp http) {
    this.api = api;
    this.http = http;
  }

  /**
   * Starts describing a reporter for a forge.
   *
   * @param forge the forge
   * @return the builder
   * @since 0.1.0
   */
  public static Builder builder(Forge forge) {
    return new Builder(Objects.requireNonNull(forge, "forge"));
  }

  /**
   * The forge this reporter talks to.
   *
   * @return the forge
   * @since 0.1.0
   */
  public Forge forge() {
    return api.forge();
  }

  /**
   * {@inheritDoc}
   *
   * @throws PluginException when the forge refuses the status or keeps failing
   * @since 0.1.0
   */
  @Override
  public void report(StatusReport report) {
    call(api.forge().type() + " status " + report.context(), api.status(report));
  }

  /**
   * Merges a pull request with the forge's merge API, only while its head is still {@code sha}
   * (GitHub, GitLab and Gitea check it; Bitbucket merges the current head).
   *
   * @param repository the repository's clone URL
   * @param number the pull request's number (GitLab: the merge request's iid)
   * @param sha the head commit whose checks passed
   * @throws PluginException when the forge refuses the merge
   * @since 0.1.0
   */
  public void merge(String repository, long number, String sha) {
    call(api.forge().type() + " merge of #" + number, api.merge(repository, number, sha));
  }

  private void call(String what, ForgeHttp.Call call) {
    try {
      http.send(what, call);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new PluginException(
          what + ": interrupted; the call may not have been made", interrupted);
    }
  }

  /**
   * The reporter without its token.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "ForgeStatusReporter[" + api + "]";
  }

  /**
   * Describes a reporter. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Forge forge;
    private String baseUrl;
    private Optional<Secret> token = Optional.empty();
    private Optional<String> username = Optional.empty();
    private Sleeper sleeper = Sleeper.system();
    private InstantSource clock = InstantSource.system();
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration timeout = Duration.ofSeconds(10);

    private Builder(Forge forge) {
      this.forge = forge;
      this.baseUrl = forge.defaultBaseUrl();
    }

    /**
     * Sets the API base URL, for self-hosted forges (GitHub Enterprise: {@code
     * https://host/api/v3}; GitLab, Gitea: {@code https://host}).
     *
     * @param url the base URL
     * @return this builder
     * @since 0.1.0
     */
    public Builder baseUrl(String url) {
      this.baseUrl = Objects.requireNonNull(url, "url").replaceAll("/+$", "");
      return this;
    }

    /**
     * Sets the API token (Bitbucket: an access token, or the app password with {@link #username}).
     *
     * @param secret the token
     * @return this builder
     * @since 0.1.0
     */
    public Builder token(Secret secret) {
      this.token = Optional.of(Objects.requireNonNull(secret, "token"));
      return this;
    }

    /**
     * Uses Basic authentication with this user and the token as app password (Bitbucket).
     *
     * @param user the user name
     * @return this builder
     * @since 0.1.0
     */
    public Builder username(String user) {
      this.username = Optional.of(Objects.requireNonNull(user, "username"));
      return this;
    }

    /**
     * Sets how to wait between retries (default: sleep the calling thread).
     *
     * @param waits the sleeper
     * @return this builder
     * @since 0.1.0
     */
    public Builder sleeper(Sleeper waits) {
      this.sleeper = Objects.requireNonNull(waits, "sleeper");
      return this;
    }

    /**
     * Sets the clock that reads HTTP-date {@code Retry-After} headers.
     *
     * @param source the clock
     * @return this builder
     * @since 0.1.0
     */
    public Builder clock(InstantSource source) {
      this.clock = Objects.requireNonNull(source, "clock");
      return this;
    }

    /**
     * Sets how many attempts a call gets in all (default 4).
     *
     * @param attempts at least 1
     * @return this builder
     * @since 0.1.0
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts must be at least 1 (was " + attempts + "); 1 means no retries");
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets the first and the longest wait between attempts (default 1 s and 30 s); each wait
     * doubles the one before.
     *
     * @param initial the first wait
     * @param max the longest wait
     * @return this builder
     * @since 0.1.0
     */
    public Builder backoff(Duration initial, Duration max) {
      if (initial.isNegative() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "backoff must be 0 <= initial <= max (was "
                + initial
                + " and "
                + max
                + "); e.g. backoff(Duration.ofSeconds(1), Duration.ofSeconds(30))");
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Sets each request's timeout (default 10 s).
     *
     * @param limit a positive duration
     * @return this builder
     * @since 0.1.0
     */
    public Builder timeout(Duration limit) {
      this.timeout = Objects.requireNonNull(limit, "timeout");
      return this;
    }

    /**
     * Builds the reporter.
     *
     * @return the reporter
     * @throws PluginException when the token or (for Gitea) the base URL is missing
     * @since 0.1.0
     */
    public ForgeStatusReporter build() {
      Secret secret =
          token.orElseThrow(
              () ->
                  new PluginException(
                      forge.type()
                          + " status reporter: no token; give one with token(Secret) or the"
                          + " setting \"token\""));
      if (baseUrl.isBlank()) {
        throw new PluginException(
            forge.type()
                + " status reporter: no base URL; "
                + forge.type()
                + " has no public default, give it with baseUrl(\"https://gitea.example.com\") or"
                + " the setting \"baseUrl\"");
      }
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      return new ForgeStatusReporter(
          new ForgeApi(forge, baseUrl, secret, username),
          new ForgeHttp(client, sleeper, clock, maxAttempts, initialBackoff, maxBackoff, timeout));
    }
  }
}
