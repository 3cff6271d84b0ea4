package io.chengis.git;

import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.ScmProvider;
import io.chengis.api.spi.ScmProviderProvider;
import java.nio.file.Path;

/**
 * Finds {@link GitScmProvider} through {@link java.util.ServiceLoader} as type {@code git}.
 *
 * <p>Settings: {@code mirrors} — the mirror directory (default {@code
 * ${java.io.tmpdir}/chengis-git-mirrors}); {@code mirrors=off} clones every build straight from the
 * remote.
 *
 * @since 0.1.0
 */
public final class GitScmProviderProvider implements ScmProviderProvider {
  /** Creates the provider provider. */
  public GitScmProviderProvider() {}

  @Override
  public String type() {
    return "git";
  }

  @Override
  public ScmProvider create(ProviderContext context) {
    String mirrors =
        context
            .setting("mirrors")
            .orElse(
                Path.of(System.getProperty("java.io.tmpdir"), "chengis-git-mirrors").toString());
    GitScmProvider provider =
        mirrors.equals("off")
            ? GitScmProvider.withoutMirrors()
            : GitScmProvider.withMirrors(Path.of(mirrors));
    return context
        .setting("sshKnownHosts")
        .map(file -> provider.withSshKnownHosts(Path.of(file)))
        .orElse(provider);
  }
}
