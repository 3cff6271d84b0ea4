package io.chengis.notify.internal;

import io.chengis.api.spi.Notifier;
import io.chengis.api.spi.NotifierProvider;
import io.chengis.api.spi.ProviderContext;
import io.chengis.notify.WebhookNotifier;

/** Provides the {@code webhook} notifier; the context's settings are the host's defaults. */
public final class WebhookNotifierProvider implements NotifierProvider {
  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public WebhookNotifierProvider() {}

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public Notifier create(ProviderContext context) {
    return WebhookNotifier.create(context.settings());
  }
}
