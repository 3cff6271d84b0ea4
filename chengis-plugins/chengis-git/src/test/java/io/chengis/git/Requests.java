package io.chengis.git;

import io.chengis.api.BuildId;
import io.chengis.api.LogLine;
import io.chengis.api.Secret;
import io.chengis.api.SecretRef;
import io.chengis.api.SourceLocation;
import io.chengis.api.SourceSpec;
import io.chengis.api.spi.Cancellation;
import io.chengis.api.spi.CheckoutRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Builds checkout requests and records their log lines. */
final class Requests {
  final List<String> lines = new CopyOnWriteArrayList<>();
  final AtomicBoolean cancelled = new AtomicBoolean();

  static SourceSpec source(String url, Optional<String> ref, int depth, boolean submodules) {
    return new SourceSpec(url, ref, depth, submodules, Optional.empty(), SourceLocation.unknown());
  }

  CheckoutRequest request(SourceSpec source, Path workspace) {
    return request(source, workspace, Optional.empty(), Optional.empty());
  }

  CheckoutRequest request(
      SourceSpec source, Path workspace, Optional<Secret> credential, Optional<String> base) {
    SourceSpec withSecret =
        credential.isPresent()
            ? new SourceSpec(
                source.url(),
                source.ref(),
                source.depth(),
                source.submodules(),
                Optional.of(SecretRef.of("GIT_TOKEN")),
                source.location())
            : source;
    return new CheckoutRequest(
        BuildId.of("01JDQ0000000000000000000AB"),
        withSecret,
        credential,
        workspace,
        (LogLine line) -> lines.add(line.text()),
        new Cancellation() {
          @Override
          public boolean isCancelled() {
            return cancelled.get();
          }

          @Override
          public void onCancel(Runnable action) {}
        },
        base);
  }
}
