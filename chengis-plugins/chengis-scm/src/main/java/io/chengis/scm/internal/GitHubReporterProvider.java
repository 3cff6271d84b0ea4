package io.chengis.scm.internal;

import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.api.spi.ScmStatusReporterProvider;
import io.chengis.scm.Forge;

/**
 * Provides the {@code github} status reporter from the settings {@code token} (required), {@code
 * baseUrl}, {@code username} (Bitbucket app passwords) and {@code maxAttempts}.
 */
public final class GitHubReporterProvider implements ScmStatusReporterProvider {
  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public GitHubReporterProvider() {}

  @Override
  public String type() {
    return Forge.GITHUB.type();
  }

  @Override
  public ScmStatusReporter create(ProviderContext context) {
    return ReporterSettings.reporter(Forge.GITHUB, context);
  }
}
