package io.chengis.docker.internal;

import io.chengis.api.PluginException;
import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExecutorProvider;
import io.chengis.docker.DockerExecutor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Creates {@link DockerExecutor}s under type {@code docker}. Settings: {@code host} (engine
 * address), {@code instance}, {@code killGracePeriodSeconds}, {@code allowMountRoots}
 * (comma-separated absolute directories). Image policies are configured in code.
 */
public final class DockerExecutorProvider implements StepExecutorProvider {
  /** Needed by {@link java.util.ServiceLoader}. */
  public DockerExecutorProvider() {}

  @Override
  public String type() {
    return "docker";
  }

  @Override
  public StepExecutor create(ProviderContext context) {
    DockerExecutor.Builder builder = DockerExecutor.builder();
    try {
      context.setting("host").map(URI::create).ifPresent(builder::host);
      context.setting("instance").ifPresent(builder::instance);
      context
          .setting("killGracePeriodSeconds")
          .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.strip())))
          .ifPresent(builder::killGracePeriod);
      context
          .setting("allowMountRoots")
          .ifPresent(
              roots -> {
                for (String root : roots.split(",")) {
                  if (!root.isBlank()) {
                    builder.allowMountRoot(Path.of(root.strip()));
                  }
                }
              });
    } catch (IllegalArgumentException bad) {
      throw new PluginException("docker executor settings: " + bad.getMessage(), bad);
    }
    return builder.build();
  }
}
