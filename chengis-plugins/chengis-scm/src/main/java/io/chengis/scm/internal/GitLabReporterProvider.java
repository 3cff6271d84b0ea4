package io.chengis.scm.internal;

import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.api.spi.ScmStatusReporterProvider;
import io.chengis.scm.Forge;

/**
 * Provides the {@code gitlab} status reporter from the settings {@code token} (required), {@code
 * baseUrl}, {@code username} (Bitbucket app passwords) and {@code maxAttempts}.
 */
public final class GitLabReporterProvider implements ScmStatusReporterProvider {
  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public GitLabReporterProvider() {}

  @Override
  public String type() {
    return Forge.GITLAB.type();
  }

  @Override
  public ScmStatusReporter create(ProviderContext context) {
    return ReporterSettings.reporter(Forge.GITLAB, context);
  }
}
