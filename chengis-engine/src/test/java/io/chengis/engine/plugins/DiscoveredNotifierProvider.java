package io.chengis.engine.plugins;

import io.chengis.api.spi.Notifier;
import io.chengis.api.spi.NotifierProvider;
import io.chengis.api.spi.ProviderContext;

/** Found by ServiceLoader through this module's test resources. */
public final class DiscoveredNotifierProvider implements NotifierProvider {
  /** Creates the provider. */
  public DiscoveredNotifierProvider() {}

  @Override
  public String type() {
    return "discovered";
  }

  @Override
  public Notifier create(ProviderContext context) {
    return request -> {};
  }
}
