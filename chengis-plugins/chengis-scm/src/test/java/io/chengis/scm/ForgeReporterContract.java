package io.chengis.scm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chengis.api.Secret;
import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.testkit.contract.ForgeStatusReporterContract;
import io.chengis.testkit.contract.PublishedStatus;
import io.chengis.testkit.http.LocalHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;

/**
 * The testkit's {@link ForgeStatusReporterContract} against a real forge reporter, publishing to a
 * local HTTP server; the commit is read from the documented path and the state from the body. One
 * subclass per forge.
 */
abstract class ForgeReporterContract extends ForgeStatusReporterContract {
  private static final Pattern COMMIT =
      Pattern.compile(".*/(?:statuses|commit)/([0-9a-f]{40})(?:/statuses/build)?$");

  private final LocalHttpServer forge;
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private final AtomicInteger refused = new AtomicInteger();

  ForgeReporterContract() {
    try {
      forge = new LocalHttpServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  abstract Forge forge();

  @AfterEach
  void stop() {
    forge.close();
  }

  @Override
  protected ScmStatusReporter newReporter() {
    return ForgeStatusReporter.builder(forge())
        .baseUrl(forge.url(forge() == Forge.BITBUCKET ? "" : "/"))
        .token(Secret.of("contract-token-0123456789"))
        .sleeper(slept::add)
        .clock(InstantSource.fixed(Instant.parse("2026-11-27T10:00:00Z")))
        .build();
  }

  @Override
  protected List<PublishedStatus> published() {
    List<LocalHttpServer.Received> all = forge.received();
    return all.subList(Math.min(refused.get(), all.size()), all.size()).stream()
        .map(ForgeReporterContract::status)
        .toList();
  }

  @Override
  protected boolean failNextRequest(int status, Optional<String> retryAfter) {
    forge.answer(
        status,
        retryAfter.map(value -> Map.of("Retry-After", value)).orElse(Map.of()),
        "{\"message\":\"try again\"}");
    refused.incrementAndGet();
    return true;
  }

  @Override
  protected Optional<List<Duration>> waits() {
    return Optional.of(List.copyOf(slept));
  }

  private static PublishedStatus status(LocalHttpServer.Received request) {
    Matcher commit = COMMIT.matcher(request.path());
    if (!commit.matches()) {
      throw new AssertionError("not a commit status request: " + request.path());
    }
    try {
      return new PublishedStatus(
          commit.group(1), new ObjectMapper().readTree(request.body()).path("state").asText());
    } catch (IOException e) {
      throw new AssertionError("the body is not JSON: " + request.body(), e);
    }
  }
}
