package io.chengis.engine.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PluginException;
import io.chengis.api.spi.CacheStoreProvider;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.Notifier;
import io.chengis.api.spi.NotifierProvider;
import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.ScmStatusReporterProvider;
import io.chengis.api.spi.TrustedPlugin;
import io.chengis.engine.caches.LocalCacheStore;
import io.chengis.engine.memory.InMemoryPluginTrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
  @TempDir Path work;

  @Test
  void discover_serviceFile_findsProviderAndListsIt() {
    PluginRegistry registry =
        PluginRegistry.builder().discover(getClass().getClassLoader()).build();

    assertThat(registry.types(NotifierProvider.class)).contains("discovered");
    assertThat(registry.plugins())
        .anySatisfy(
            info -> {
              assertThat(info.role()).isEqualTo("NotifierProvider");
              assertThat(info.type()).isEqualTo("discovered");
              assertThat(info.className()).isEqualTo(DiscoveredNotifierProvider.class.getName());
              assertThat(info.origin()).isEqualTo("classpath");
              assertThat(info.version()).isEqualTo("unknown");
            });
  }

  @Test
  void register_sameTypeAsDiscovered_codeWins() {
    Notifier mine = request -> {};
    PluginRegistry registry =
        PluginRegistry.builder()
            .discover(getClass().getClassLoader())
            .notifier("discovered", mine)
            .build();

    assertThat(registry.notifier("discovered")).isSameAs(mine);
    assertThat(registry.plugins())
        .filteredOn(info -> info.type().equals("discovered"))
        .singleElement()
        .extracting(PluginInfo::origin)
        .isEqualTo("code");
  }

  @Test
  void register_sameTypeTwiceInCode_failsNamingBothClasses() {
    PluginRegistry.Builder builder = PluginRegistry.builder().register(new Named("slack"));

    assertThatThrownBy(() -> builder.register(new Other("slack")))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("NotifierProvider type \"slack\" is registered in code twice")
        .hasMessageContaining(Named.class.getName())
        .hasMessageContaining(Other.class.getName());
  }

  @Test
  void provider_missingType_listsRegisteredTypes() {
    PluginRegistry registry =
        PluginRegistry.builder().register(new Named("slack")).register(new Other("email")).build();

    assertThatThrownBy(() -> registry.notifier("teams"))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "plugin registry: no NotifierProvider of type \"teams\" is registered (registered:"
                + " [email, slack]); add its jar to the class path or the plugins directory, or"
                + " register it in code");
  }

  @Test
  void register_invalidType_failsWithTheRule() {
    assertThatThrownBy(() -> PluginRegistry.builder().register(new Named("Slack Bot")))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("has an invalid type (was \"Slack Bot\")");
  }

  @Test
  void notifier_createdOnceWithTheTypesSettings() {
    AtomicInteger created = new AtomicInteger();
    AtomicReference<ProviderContext> seen = new AtomicReference<>();
    NotifierProvider provider =
        new NotifierProvider() {
          @Override
          public String type() {
            return "counting";
          }

          @Override
          public Notifier create(ProviderContext context) {
            created.incrementAndGet();
            seen.set(context);
            return request -> {};
          }
        };
    PluginRegistry registry =
        PluginRegistry.builder()
            .register(provider)
            .settings("counting", Map.of("token", "s3cr3t-value"))
            .build();

    registry.notifier("counting");
    registry.notifier("counting");

    assertThat(created).hasValue(1);
    assertThat(seen.get().setting("token")).contains("s3cr3t-value");
    assertThat(registry.toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  void notifier_providerThrows_pluginExceptionNamesIt() {
    NotifierProvider broken =
        new NotifierProvider() {
          @Override
          public String type() {
            return "broken";
          }

          @Override
          public Notifier create(ProviderContext context) {
            throw new IllegalStateException("no host configured");
          }
        };
    PluginRegistry registry = PluginRegistry.builder().register(broken).build();

    assertThatThrownBy(() -> registry.notifier("broken"))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("NotifierProvider \"broken\"")
        .hasMessageContaining("no host configured");
  }

  @Test
  void create_hangingProvider_isAbandonedAfterTheTimeoutWithAClearError() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    NotifierProvider hanging =
        new NotifierProvider() {
          @Override
          public String type() {
            return "hanging";
          }

          @Override
          public Notifier create(ProviderContext context) {
            try {
              new CountDownLatch(1).await();
            } catch (InterruptedException stop) {
              interrupted.countDown();
            }
            return request -> {};
          }
        };
    PluginRegistry registry =
        PluginRegistry.builder()
            .register(hanging)
            .settings("hanging", Map.of("token", "s3cr3t-value"))
            .createTimeout(Duration.ofMillis(200))
            .build();

    assertThatThrownBy(() -> registry.notifier("hanging"))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("NotifierProvider \"hanging\"")
        .hasMessageContaining("did not create its instance within PT0.2S")
        .hasMessageNotContaining("s3cr3t-value");
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void create_providerThrowingAnError_isAPluginExceptionNotTheError() {
    NotifierProvider linkage =
        new NotifierProvider() {
          @Override
          public String type() {
            return "linkage";
          }

          @Override
          public Notifier create(ProviderContext context) {
            throw new NoClassDefFoundError("com/example/Missing");
          }
        };
    PluginRegistry registry = PluginRegistry.builder().register(linkage).build();

    assertThatThrownBy(() -> registry.notifier("linkage"))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("could not create its instance")
        .hasMessageContaining("com/example/Missing");
  }

  @Test
  void createTimeout_notPositive_isRefusedWithTheFix() {
    assertThatThrownBy(() -> PluginRegistry.builder().createTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("createTimeout must be positive (was PT0S)");
  }

  @Test
  void statusReporters_onlyConfiguredOrInstanceTypes() {
    PluginRegistry registry =
        PluginRegistry.builder()
            .register(new Reporter("github"))
            .register(new Reporter("gitlab"))
            .statusReporter("mine", report -> {})
            .settings("gitlab", Map.of("token", "t"))
            .build();

    assertThat(registry.types(ScmStatusReporterProvider.class))
        .containsExactly("github", "gitlab", "mine");
    assertThat(registry.statusReporters()).containsOnlyKeys("gitlab", "mine");
  }

  @Test
  void pluginDirectory_untrustedJar_refusedNamingTheHashToAllow() throws Exception {
    Path jar = TestJars.notifierJar(work, "outsider", "1.0");
    String hash = TestJars.sha256(jar);

    assertThatThrownBy(
            () ->
                PluginRegistry.builder()
                    .pluginDirectory(jar.getParent(), new InMemoryPluginTrustStore()))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("refusing untrusted plugin jar outsider.jar (sha256 " + hash + ")")
        .hasMessageContaining("add each SHA-256 to the plugin trust allowlist");
  }

  @Test
  void pluginDirectory_trustedJars_eachLoadsInItsOwnClassLoader() throws Exception {
    Path one = TestJars.notifierJar(work, "alpha", "1.2.3");
    Path two = TestJars.notifierJar(work, "beta", "4.5");
    InMemoryPluginTrustStore trust = new InMemoryPluginTrustStore();
    for (Path jar : new Path[] {one, two}) {
      trust.allow(
          new TrustedPlugin(
              TestJars.sha256(jar).toUpperCase(java.util.Locale.ROOT),
              jar.getFileName().toString(),
              "admin",
              Instant.EPOCH));
    }

    PluginRegistry registry =
        PluginRegistry.builder().pluginDirectory(one.getParent(), trust).build();

    NotifierProvider alpha = registry.provider(NotifierProvider.class, "alpha");
    NotifierProvider beta = registry.provider(NotifierProvider.class, "beta");
    assertThat(alpha.getClass().getName()).isEqualTo("ext.Probe");
    assertThat(beta.getClass().getName()).isEqualTo("ext.Probe");
    assertThat(alpha.getClass()).isNotSameAs(beta.getClass());
    assertThat(alpha.getClass().getClassLoader().getName()).isEqualTo("chengis-plugin-alpha.jar");
    assertThat(beta.getClass().getClassLoader().getName()).isEqualTo("chengis-plugin-beta.jar");
    assertThat(registry.plugins())
        .filteredOn(info -> info.type().equals("alpha"))
        .singleElement()
        .satisfies(
            info -> {
              assertThat(info.version()).isEqualTo("1.2.3");
              assertThat(info.origin()).endsWith("sha256:" + TestJars.sha256(one));
            });

    registry.notifier("alpha").send(request());
    assertThat(System.getProperty("chengis.probe.alpha")).isEqualTo("chengis-plugin-alpha.jar");
  }

  @Test
  void pluginDirectory_revokedJar_refusedAgain() throws Exception {
    Path jar = TestJars.notifierJar(work, "gamma", "1");
    InMemoryPluginTrustStore trust = new InMemoryPluginTrustStore();
    String hash = TestJars.sha256(jar);
    trust.allow(new TrustedPlugin(hash, "gamma.jar", "admin", Instant.EPOCH));
    PluginRegistry.builder().pluginDirectory(jar.getParent(), trust).build();

    assertThat(trust.revoke(hash)).isTrue();

    assertThatThrownBy(() -> PluginRegistry.builder().pluginDirectory(jar.getParent(), trust))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining(hash);
  }

  @Test
  void pluginDirectory_jarChangedAfterAllowing_refused() throws Exception {
    Path jar = TestJars.notifierJar(work, "delta", "1");
    InMemoryPluginTrustStore trust = new InMemoryPluginTrustStore();
    trust.allow(new TrustedPlugin(TestJars.sha256(jar), "delta.jar", "admin", Instant.EPOCH));
    Files.write(jar, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);

    assertThatThrownBy(() -> PluginRegistry.builder().pluginDirectory(jar.getParent(), trust))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining(
            "refusing untrusted plugin jar delta.jar (sha256 " + TestJars.sha256(jar));
  }

  @Test
  void pluginDirectory_missing_holdsNoPlugins() {
    PluginRegistry registry =
        PluginRegistry.builder()
            .pluginDirectory(work.resolve("absent"), new InMemoryPluginTrustStore())
            .build();

    assertThat(registry.plugins()).isEmpty();
  }

  @Test
  void trustedPlugin_badHash_rejectedWithTheFix() {
    assertThatThrownBy(() -> new TrustedPlugin("abc", "x.jar", "admin", Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was \"abc\"")
        .hasMessageContaining("sha256sum");
  }

  private static NotificationRequest request() {
    return new NotificationRequest(
        io.chengis.api.OrgId.DEFAULT,
        new io.chengis.api.BuildResult(
            io.chengis.api.BuildId.generator(java.time.InstantSource.system()).next(),
            io.chengis.api.JobId.of("job"),
            1,
            1,
            java.util.Optional.empty(),
            io.chengis.api.Outcome.SUCCESS,
            io.chengis.api.Conclusion.SUCCESS,
            java.util.Optional.of(Instant.EPOCH),
            java.util.Optional.of(Instant.EPOCH),
            java.util.Optional.empty(),
            java.util.List.of(),
            java.util.List.of(),
            java.util.List.of()),
        Map.of());
  }

  private record Named(String type) implements NotifierProvider {
    @Override
    public Notifier create(ProviderContext context) {
      return request -> {};
    }
  }

  private record Other(String type) implements NotifierProvider {
    @Override
    public Notifier create(ProviderContext context) {
      return request -> {};
    }
  }

  private record Reporter(String type) implements ScmStatusReporterProvider {
    @Override
    public io.chengis.api.spi.ScmStatusReporter create(ProviderContext context) {
      return report -> {};
    }
  }

  @Test
  void cacheStore_local_isDiscoveredAndOpensItsDirectory(@TempDir Path directory) {
    PluginRegistry registry =
        PluginRegistry.builder()
            .discover(getClass().getClassLoader())
            .settings("local", Map.of("root", directory.toString(), "max-bytes", "1000"))
            .build();

    assertThat(registry.types(CacheStoreProvider.class)).contains("local");
    assertThat(registry.cacheStore("local")).isInstanceOf(LocalCacheStore.class);
    assertThat(directory.resolve("entries")).isDirectory();
  }

  @Test
  void cacheStore_localWithoutRoot_failsSayingWhatToSet() {
    PluginRegistry registry =
        PluginRegistry.builder().discover(getClass().getClassLoader()).build();

    assertThatThrownBy(() -> registry.cacheStore("local"))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("setting root is missing");
  }
}
