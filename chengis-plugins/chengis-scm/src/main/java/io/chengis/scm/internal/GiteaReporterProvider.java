package io.chengis.scm.internal;

import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.api.spi.ScmStatusReporterProvider;
import io.chengis.scm.Forge;

/**
 * Provides the {@code gitea} status reporter from the settings {@code token} (required), {@code
 * baseUrl}, {@code username} (Bitbucket app passwords) and {@code maxAttempts}.
 */
public final class GiteaReporterProvider implements ScmStatusReporterProvider {
  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public GiteaReporterProvider() {}

  @Override
  public String type() {
    return Forge.GITEA.type();
  }

  @Override
  public ScmStatusReporter create(ProviderContext context) {
    return ReporterSettings.reporter(Forge.GITEA, context);
  }
}
