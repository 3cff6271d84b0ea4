package io.chengis.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PluginException;
import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.StepExecutorProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProviderTest {

  private static StepExecutorProvider docker() {
    return ServiceLoader.load(StepExecutorProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(provider -> provider.type().equals("docker"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void serviceLoader_findsTheDockerProvider_andBadSettingsAreNamed() {
    assertThatThrownBy(() -> docker().create(ProviderContext.of(Map.of("instance", "Bad Name"))))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "docker executor settings: docker executor instance name is invalid (was \"Bad"
                + " Name\"); use 1 to 64 lower-case letters, digits, '_', '.' or '-'");
    assertThatThrownBy(
            () ->
                docker()
                    .create(ProviderContext.of(Map.of("host", "unix:///nonexistent/docker.sock"))))
        .isInstanceOf(PluginException.class)
        .hasMessageStartingWith(
            "docker: no container engine answers at unix:///nonexistent/docker.sock");
  }

  @Test
  void provider_type_isDocker() {
    assertThat(docker().type()).isEqualTo("docker");
  }
}
