package io.chengis.notify.internal;

import io.chengis.api.spi.Notifier;
import io.chengis.api.spi.NotifierProvider;
import io.chengis.api.spi.ProviderContext;
import io.chengis.notify.ConsoleNotifier;

/** Provides the {@code console} notifier; the context's settings are the host's defaults. */
public final class ConsoleNotifierProvider implements NotifierProvider {
  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public ConsoleNotifierProvider() {}

  @Override
  public String type() {
    return "console";
  }

  @Override
  public Notifier create(ProviderContext context) {
    return ConsoleNotifier.standardOutput();
  }
}
