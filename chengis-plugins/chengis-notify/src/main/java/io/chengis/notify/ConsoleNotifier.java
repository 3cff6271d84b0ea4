package io.chengis.notify;

import io.chengis.api.PluginException;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.Notifier;
import io.chengis.notify.internal.BuildSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes a build's summary as text lines: {@code ✅ app #3 succeeded in 2s}, then the failed stages
 * and the link. Type {@code console}; with no sink given it writes to standard output, which is
 * what a console notifier is for.
 *
 * <p>Thread-safe when the sink is.
 *
 * @since 0.1.0
 */
public final class ConsoleNotifier implements Notifier {
  private final Consumer<String> sink;

  private ConsoleNotifier(Consumer<String> sink) {
    this.sink = sink;
  }

  /**
   * A console notifier writing each line to a sink.
   *
   * @param sink receives the lines, one call per line
   * @return the notifier
   * @since 0.1.0
   */
  public static ConsoleNotifier to(Consumer<String> sink) {
    return new ConsoleNotifier(Objects.requireNonNull(sink, "sink"));
  }

  /**
   * A console notifier writing to standard output.
   *
   * @return the notifier
   * @since 0.1.0
   */
  public static ConsoleNotifier standardOutput() {
    return new ConsoleNotifier(
        line -> {
          System.out.println(line);
          if (System.out.checkError()) {
            throw new UncheckedIOException(new IOException("standard output is closed"));
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public void send(NotificationRequest request) {
    BuildSummary summary = BuildSummary.of(request);
    String mark =
        switch (summary.conclusion()) {
          case SUCCESS -> "✅";
          case FAILURE -> "❌";
          case TIMED_OUT, CANCELLED -> "⚠️";
          case SKIPPED -> "⏭️";
        };
    try {
      sink.accept(mark + " " + summary.headline());
      summary.failures().ifPresent(sink);
      summary.link().ifPresent(sink);
    } catch (RuntimeException failure) {
      throw new PluginException(
          "console notifier: could not write the notification of build "
              + summary.headline()
              + " ("
              + failure.getClass().getSimpleName()
              + "); check that the console (standard output) is open",
          failure);
    }
  }
}
