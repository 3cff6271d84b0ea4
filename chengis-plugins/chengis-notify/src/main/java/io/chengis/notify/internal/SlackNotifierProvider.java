package io.chengis.notify.internal;

import io.chengis.api.spi.Notifier;
import io.chengis.api.spi.NotifierProvider;
import io.chengis.api.spi.ProviderContext;
import io.chengis.notify.SlackNotifier;

/** Provides the {@code slack} notifier; the context's settings are the host's defaults. */
public final class SlackNotifierProvider implements NotifierProvider {
  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public SlackNotifierProvider() {}

  @Override
  public String type() {
    return "slack";
  }

  @Override
  public Notifier create(ProviderContext context) {
    return SlackNotifier.create(context.settings());
  }
}
