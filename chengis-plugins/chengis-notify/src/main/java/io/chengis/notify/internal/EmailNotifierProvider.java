package io.chengis.notify.internal;

import io.chengis.api.spi.Notifier;
import io.chengis.api.spi.NotifierProvider;
import io.chengis.api.spi.ProviderContext;
import io.chengis.notify.EmailNotifier;

/** Provides the {@code email} notifier; the context's settings are the host's defaults. */
public final class EmailNotifierProvider implements NotifierProvider {
  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public EmailNotifierProvider() {}

  @Override
  public String type() {
    return "email";
  }

  @Override
  public Notifier create(ProviderContext context) {
    return EmailNotifier.create(context.settings());
  }
}
