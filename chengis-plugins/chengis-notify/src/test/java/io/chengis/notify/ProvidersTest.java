package io.chengis.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.spi.NotifierProvider;
import io.chengis.api.spi.ProviderContext;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProvidersTest {
  @Test
  void serviceLoader_findsAllFourNotifierTypes() {
    assertThat(ServiceLoader.load(NotifierProvider.class).stream().map(p -> p.get().type()))
        .containsExactlyInAnyOrder("console", "slack", "email", "webhook");
  }

  @Test
  void providers_createTheirNotifiers() {
    for (NotifierProvider provider : ServiceLoader.load(NotifierProvider.class)) {
      assertThat(provider.create(ProviderContext.empty()).getClass().getSimpleName())
          .isEqualToIgnoringCase(provider.type() + "Notifier");
    }
  }
}
