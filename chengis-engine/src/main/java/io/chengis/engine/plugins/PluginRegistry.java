package io.chengis.engine.plugins;

import io.chengis.api.PluginException;
import io.chengis.api.internal.guard.PluginGuard;
import io.chengis.api.spi.ActionMapper;
import io.chengis.api.spi.ActionProvider;
import io.chengis.api.spi.CacheStore;
import io.chengis.api.spi.CacheStoreProvider;
import io.chengis.api.spi.Notifier;
import io.chengis.api.spi.NotifierProvider;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineFormatProvider;
import io.chengis.api.spi.PluginTrustStore;
import io.chengis.api.spi.Provider;
import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.ScmProviderProvider;
import io.chengis.api.spi.ScmStatusReporter;
import io.chengis.api.spi.ScmStatusReporterProvider;
import io.chengis.api.spi.SecretBackend;
import io.chengis.api.spi.SecretBackendProvider;
import io.chengis.api.spi.StepExecutor;
import io.chengis.api.spi.StepExecutorProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The plugins an engine uses: providers of each role (notifiers, SCM status reporters, secret
 * backends, step executors, SCM providers, pipeline formats), keyed by role and type.
 *
 * <p>Providers come from three places. {@link Builder#discover(ClassLoader)} finds them with {@link
 * ServiceLoader}; {@link Builder#pluginDirectory} loads every jar of a directory whose SHA-256 is
 * on the trust allowlist, each jar in its own class loader; {@link Builder#register} adds them in
 * code. Code wins: a provider registered in code replaces a discovered one of the same role and
 * type. Two discovered providers of one role and type, or two registered in code, are an error
 * naming both classes.
 *
 * <pre>{@code
 * PluginRegistry plugins = PluginRegistry.builder()
 *     .discover(Thread.currentThread().getContextClassLoader())
 *     .pluginDirectory(Path.of("plugins"), trustStore)
 *     .settings("slack", Map.of("webhookUrl", slackUrl))
 *     .build();
 * ChengisEngine engine = ChengisEngine.builder().plugins(plugins).build();
 * }</pre>
 *
 * <p>Thread-safe once built. Instances are created lazily, once per type, with the type's settings.
 *
 * @since 0.1.0
 */
public final class PluginRegistry {
  /** The roles the registry knows, in the order listings show them. */
  private static final List<Class<? extends Provider<?>>> ROLES =
      List.of(
          NotifierProvider.class,
          ScmStatusReporterProvider.class,
          SecretBackendProvider.class,
          StepExecutorProvider.class,
          ScmProviderProvider.class,
          PipelineFormatProvider.class,
          CacheStoreProvider.class,
          ActionProvider.class);

  private final Map<Key, Entry> entries;
  private final Map<String, Map<String, String>> settings;
  private final Map<Key, Object> instances = new ConcurrentHashMap<>();
  private final Duration createTimeout;

  private PluginRegistry(
      Map<Key, Entry> entries, Map<String, Map<String, String>> settings, Duration createTimeout) {
    this.createTimeout = createTimeout;
    this.entries = entries;
    this.settings = settings;
  }

  /**
   * Starts describing a registry.
   *
   * @return an empty builder
   * @since 0.1.0
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An empty registry.
   *
   * @return a registry without plugins
   * @since 0.1.0
   */
  public static PluginRegistry empty() {
    return builder().build();
  }

  /**
   * The hash the trust allowlist knows a plugin jar by: the SHA-256 of its bytes, in lower-case
   * hex.
   *
   * @param jar a plugin jar
   * @return the hash
   * @throws PluginException when the jar cannot be read
   * @since 0.1.0
   */
  public static String sha256(Path jar) {
    return Builder.sha256(Objects.requireNonNull(jar, "jar"));
  }

  /**
   * Every registered provider, by role and then in registration order.
   *
   * @return the listing
   * @since 0.1.0
   */
  public List<PluginInfo> plugins() {
    List<PluginInfo> all = new ArrayList<>();
    for (Class<? extends Provider<?>> role : ROLES) {
      entries.forEach(
          (key, entry) -> {
            if (key.role() == role) {
              all.add(entry.info());
            }
          });
    }
    return List.copyOf(all);
  }

  /**
   * The registered types of one role.
   *
   * @param role the role's provider interface
   * @return the type keys, sorted
   * @since 0.1.0
   */
  public List<String> types(Class<? extends Provider<?>> role) {
    return entries.keySet().stream()
        .filter(key -> key.role() == role)
        .map(Key::type)
        .sorted()
        .toList();
  }

  /**
   * The provider of a role and type.
   *
   * @param role the role's provider interface
   * @param type the type key
   * @param <P> the provider interface
   * @return the provider
   * @throws PluginException when none is registered, listing the registered types
   * @since 0.1.0
   */
  public <P extends Provider<?>> P provider(Class<P> role, String type) {
    Entry entry = entries.get(new Key(role, type));
    if (entry == null) {
      throw new PluginException(
          "plugin registry: no "
              + role.getSimpleName()
              + " of type \""
              + type
              + "\" is registered (registered: "
              + types(role)
              + "); add its jar to the class path or the plugins directory, or register it in"
              + " code");
    }
    return role.cast(entry.provider());
  }

  /**
   * The notifier of a type, created on first use with the type's settings.
   *
   * @param type the type key, e.g. {@code slack}
   * @return the notifier
   * @throws PluginException when none is registered or it cannot be created
   * @since 0.1.0
   */
  public Notifier notifier(String type) {
    return instance(NotifierProvider.class, type, Notifier.class);
  }

  /**
   * The secret backend of a type, created on first use with the type's settings.
   *
   * @param type the type key, e.g. {@code vault}
   * @return the backend
   * @throws PluginException when none is registered or it cannot be created
   * @since 0.1.0
   */
  public SecretBackend secretBackend(String type) {
    return instance(SecretBackendProvider.class, type, SecretBackend.class);
  }

  /**
   * The cache store of a type, created on first use with the type's settings; give it to {@link
   * io.chengis.engine.ChengisEngine.Builder#caches}.
   *
   * @param type the type key, e.g. {@code local}
   * @return the store
   * @throws PluginException when none is registered or it cannot be created
   * @since 0.1.0
   */
  public CacheStore cacheStore(String type) {
    return instance(CacheStoreProvider.class, type, CacheStore.class);
  }

  /**
   * The step executor of a type, created on first use with the type's settings.
   *
   * @param type the step type key, e.g. {@code container}
   * @return the executor
   * @throws PluginException when none is registered or it cannot be created
   * @since 0.1.0
   */
  public StepExecutor stepExecutor(String type) {
    return instance(StepExecutorProvider.class, type, StepExecutor.class);
  }

  /**
   * The pipeline formats of every registered {@link PipelineFormatProvider} (the built-in formats'
   * own providers included), created on first use with their type's settings, in registration
   * order: give them to {@code io.chengis.dsl.format.PipelineReader.of}.
   *
   * @return the formats
   * @throws PluginException when one cannot be created
   * @since 0.1.0
   */
  public List<PipelineFormat> pipelineFormats() {
    return instances(PipelineFormatProvider.class, PipelineFormat.class);
  }

  /**
   * The GitHub Actions mappers of every registered {@link ActionProvider}, created on first use
   * with their type's settings, in registration order.
   *
   * @return the mappers
   * @throws PluginException when one cannot be created
   * @since 0.1.0
   */
  public List<ActionMapper> actionMappers() {
    return instances(ActionProvider.class, ActionMapper.class);
  }

  private <T> List<T> instances(Class<? extends Provider<?>> role, Class<T> kind) {
    return entries.keySet().stream()
        .filter(key -> key.role() == role)
        .map(key -> instance(role, key.type(), kind))
        .toList();
  }

  /**
   * The SCM status reporters in use: every registered reporter type that has {@linkplain
   * Builder#settings settings} (a reporter needs at least a token) or was registered as an
   * instance, created on first use.
   *
   * @return the reporters by type, in registration order
   * @throws PluginException when one cannot be created
   * @since 0.1.0
   */
  public Map<String, ScmStatusReporter> statusReporters() {
    Map<String, ScmStatusReporter> active = new LinkedHashMap<>();
    entries.forEach(
        (key, entry) -> {
          if (key.role() == ScmStatusReporterProvider.class
              && (settings.containsKey(key.type())
                  || entry.provider() instanceof InstanceReporterProvider)) {
            active.put(
                key.type(),
                instance(ScmStatusReporterProvider.class, key.type(), ScmStatusReporter.class));
          }
        });
    return active;
  }

  /**
   * The settings of a type, as given to its provider.
   *
   * @param type the type key
   * @return the settings; empty when none were given
   * @since 0.1.0
   */
  public ProviderContext settings(String type) {
    return ProviderContext.of(settings.getOrDefault(type, Map.of()));
  }

  private <T> T instance(Class<? extends Provider<?>> role, String type, Class<T> kind) {
    Provider<?> provider = provider(role, type);
    Object made =
        instances.computeIfAbsent(new Key(role, type), key -> create(role, type, provider));
    return kind.cast(made);
  }

  /** Asks a provider for its instance on a guarded thread: a hang or a throw is a clear error. */
  private Object create(Class<? extends Provider<?>> role, String type, Provider<?> provider) {
    String what =
        "plugin registry: "
            + role.getSimpleName()
            + " \""
            + type
            + "\" ("
            + provider.getClass().getName()
            + ")";
    PluginGuard.Outcome<?> outcome;
    try {
      outcome =
          PluginGuard.call(
              "chengis-plugin-create-" + type,
              createTimeout,
              () -> provider.create(settings(type)));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new PluginException(what + " was interrupted while creating its instance");
    }
    return switch (outcome) {
      case PluginGuard.Returned<?> returned when returned.value() != null -> returned.value();
      case PluginGuard.Returned<?> returned ->
          throw new PluginException(
              what + " returned no instance; its create method must return one");
      case PluginGuard.Threw<?> threw when threw.failure() instanceof PluginException wrong ->
          throw wrong;
      case PluginGuard.Threw<?> threw ->
          throw new PluginException(
              what
                  + " could not create its instance ("
                  + threw.failure()
                  + "); check its settings "
                  + settings(type),
              threw.failure());
      case PluginGuard.TimedOut<?> slow ->
          throw new PluginException(
              what
                  + " did not create its instance within "
                  + slow.timeout()
                  + " and was abandoned; check its settings "
                  + settings(type)
                  + " and that what it connects to answers");
    };
  }

  /**
   * The registry as its listing.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "PluginRegistry"
        + plugins().stream().map(p -> p.role() + ":" + p.type()).toList()
        + " settings for "
        + settings.keySet();
  }

  /** A role and a type key. */
  private record Key(Class<?> role, String type) {}

  /** A registered provider and what is known about it. */
  private record Entry(Provider<?> provider, PluginInfo info) {}

  /**
   * Describes a registry. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<Key, Entry> discovered = new LinkedHashMap<>();
    private final Map<Key, Entry> registered = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    private Duration createTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * Finds providers of every role with {@link ServiceLoader} in a class loader.
     *
     * @param loader the class loader to search
     * @return this builder
     * @throws PluginException when two providers share a role and type, or a provider cannot be
     *     instantiated
     * @since 0.1.0
     */
    public Builder discover(ClassLoader loader) {
      Objects.requireNonNull(loader, "loader");
      for (Class<? extends Provider<?>> role : ROLES) {
        load(role, loader, type -> true, "classpath");
      }
      return this;
    }

    /**
     * Loads the providers of every jar in a directory whose SHA-256 is on the allowlist, each jar
     * in its own class loader (child of this class's loader, so it sees the Chengis API).
     *
     * @param directory the plugins directory; a missing directory holds no plugins
     * @param trust the allowlist
     * @return this builder
     * @throws PluginException naming every untrusted jar with the hash to allow, or when a jar
     *     cannot be read, or two providers share a role and type
     * @since 0.1.0
     */
    public Builder pluginDirectory(Path directory, PluginTrustStore trust) {
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(trust, "trust");
      if (!Files.isDirectory(directory)) {
        return this;
      }
      List<Path> jars;
      try (Stream<Path> files = Files.list(directory)) {
        jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
      } catch (IOException unreadable) {
        throw new PluginException(
            "plugin registry: cannot list the plugins directory "
                + directory
                + " ("
                + unreadable.getMessage()
                + "); check that it is readable",
            unreadable);
      }
      List<String> refused = new ArrayList<>();
      Map<Path, String> trusted = new LinkedHashMap<>();
      for (Path jar : jars) {
        String hash = sha256(jar);
        if (trust.find(hash).isPresent()) {
          trusted.put(jar, hash);
        } else {
          refused.add(jar.getFileName() + " (sha256 " + hash + ")");
        }
      }
      if (!refused.isEmpty()) {
        throw new PluginException(
            "plugin registry: "
                + directory
                + ": refusing untrusted plugin jar"
                + (refused.size() == 1 ? " " : "s ")
                + String.join(", ", refused)
                + "; if you trust "
                + (refused.size() == 1 ? "it" : "them")
                + ", add each SHA-256 to the plugin trust allowlist"
                + " (PluginTrustStore.allow(new TrustedPlugin(sha256, name, who, when))),"
                + " otherwise remove the jar from the directory");
      }
      trusted.forEach(this::loadJar);
      return this;
    }

    private void loadJar(Path jar, String hash) {
      URL url;
      try {
        url = jar.toUri().toURL();
      } catch (MalformedURLException impossible) {
        throw new IllegalStateException("a file path is always a URL", impossible);
      }
      String version = manifestVersion(jar);
      // Each jar gets its own loader so that two plugins never see each other's classes.
      URLClassLoader loader =
          new URLClassLoader(
              "chengis-plugin-" + jar.getFileName(),
              new URL[] {url},
              PluginRegistry.class.getClassLoader());
      String origin = "jar " + jar + " sha256:" + hash;
      int before = discovered.size();
      for (Class<? extends Provider<?>> role : ROLES) {
        load(role, loader, type -> type.getClassLoader() == loader, origin);
      }
      if (discovered.size() == before) {
        throw new PluginException(
            "plugin registry: trusted plugin jar "
                + jar
                + " provides no plugin; list its providers in"
                + " META-INF/services/io.chengis.api.spi.<Role>Provider (e.g. NotifierProvider)");
      }
      discovered.replaceAll(
          (key, entry) ->
              entry.info().origin().equals(origin)
                  ? new Entry(
                      entry.provider(),
                      new PluginInfo(
                          entry.info().role(),
                          entry.info().type(),
                          entry.info().className(),
                          version,
                          origin))
                  : entry);
    }

    private <P extends Provider<?>> void load(
        Class<P> role,
        ClassLoader loader,
        java.util.function.Predicate<Class<?>> accept,
        String origin) {
      try {
        // Filter on the class before instantiating: a jar's loader also sees the class path's
        // providers, which must neither be created again nor blamed on the jar.
        List<ServiceLoader.Provider<P>> found =
            ServiceLoader.load(role, loader).stream()
                .filter(candidate -> accept.test(candidate.type()))
                .filter(candidate -> !alreadyDiscovered(candidate.type()))
                .toList();
        for (ServiceLoader.Provider<P> candidate : found) {
          add(discovered, role, candidate.get(), origin, "discovered");
        }
      } catch (ServiceConfigurationError broken) {
        throw new PluginException(
            "plugin registry: a "
                + role.getSimpleName()
                + " from "
                + origin
                + " cannot be loaded ("
                + broken.getMessage()
                + "); check the class named in META-INF/services/"
                + role.getName()
                + " and that it has a public no-argument constructor",
            broken);
      }
    }

    private boolean alreadyDiscovered(Class<?> type) {
      return discovered.values().stream().anyMatch(entry -> entry.provider().getClass() == type);
    }

    /**
     * Registers a provider in code. It replaces a discovered provider of the same role and type.
     *
     * @param provider the provider; it must implement exactly one role's provider interface
     * @return this builder
     * @throws PluginException when another provider of the same role and type was registered in
     *     code, naming both classes
     * @since 0.1.0
     */
    public Builder register(Provider<?> provider) {
      Objects.requireNonNull(provider, "provider");
      List<Class<? extends Provider<?>>> roles =
          ROLES.stream().filter(role -> role.isInstance(provider)).toList();
      if (roles.size() != 1) {
        throw new PluginException(
            "plugin registry: "
                + provider.getClass().getName()
                + " implements "
                + (roles.isEmpty() ? "no role" : "several roles " + roles)
                + "; implement exactly one of "
                + ROLES.stream().map(Class::getSimpleName).toList());
      }
      add(registered, roles.get(0), provider, "code", "registered in code");
      return this;
    }

    /**
     * Registers a notifier instance in code under a type.
     *
     * @param type the type key
     * @param notifier the notifier
     * @return this builder
     * @since 0.1.0
     */
    public Builder notifier(String type, Notifier notifier) {
      Objects.requireNonNull(notifier, "notifier");
      return register(new InstanceNotifierProvider(type, notifier));
    }

    /**
     * Registers an SCM status reporter instance in code under a type.
     *
     * @param type the type key
     * @param reporter the reporter
     * @return this builder
     * @since 0.1.0
     */
    public Builder statusReporter(String type, ScmStatusReporter reporter) {
      Objects.requireNonNull(reporter, "reporter");
      return register(new InstanceReporterProvider(type, reporter));
    }

    /**
     * Gives the providers of a type their settings (tokens, hosts, addresses), replacing earlier
     * settings of the type. Values may be secret: the registry never shows them.
     *
     * @param type the type key
     * @param values the settings, in order
     * @return this builder
     * @since 0.1.0
     */
    public Builder settings(String type, Map<String, String> values) {
      settings.put(Objects.requireNonNull(type, "type"), Map.copyOf(values));
      return this;
    }

    /**
     * Builds the registry.
     *
     * @return the registry
     * @since 0.1.0
     */
    public PluginRegistry build() {
      Map<Key, Entry> all = new LinkedHashMap<>(discovered);
      all.putAll(registered);
      return new PluginRegistry(
          java.util.Collections.unmodifiableMap(all),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings)),
          createTimeout);
    }

    /**
     * Bounds each provider's {@code create} call (default 30 seconds): a provider that takes longer
     * is abandoned (its thread interrupted) and the lookup fails with a {@link PluginException}
     * naming it, as does anything it throws.
     *
     * @param limit a positive duration
     * @return this builder
     * @since 0.1.0
     */
    public Builder createTimeout(Duration limit) {
      Objects.requireNonNull(limit, "createTimeout");
      if (limit.isZero() || limit.isNegative()) {
        throw new IllegalArgumentException(
            "createTimeout must be positive (was " + limit + "); give e.g. Duration.ofSeconds(30)");
      }
      this.createTimeout = limit;
      return this;
    }

    private static void add(
        Map<Key, Entry> into,
        Class<? extends Provider<?>> role,
        Provider<?> provider,
        String origin,
        String how) {
      String type = typeOf(role, provider);
      Key key = new Key(role, type);
      Entry clash = into.get(key);
      if (clash != null) {
        throw new PluginException(
            "plugin registry: "
                + role.getSimpleName()
                + " type \""
                + type
                + "\" is "
                + how
                + " twice: by "
                + clash.provider().getClass().getName()
                + " ("
                + clash.info().origin()
                + ") and by "
                + provider.getClass().getName()
                + " ("
                + origin
                + "); remove one of them or give it another type");
      }
      into.put(
          key,
          new Entry(
              provider,
              new PluginInfo(
                  role.getSimpleName(),
                  type,
                  implementation(provider).getName(),
                  Optional.ofNullable(implementation(provider).getPackage())
                      .map(Package::getImplementationVersion)
                      .orElse("unknown"),
                  origin)));
    }

    /** The class doing the work: an instance registered in code, else the provider. */
    private static Class<?> implementation(Provider<?> provider) {
      return switch (provider) {
        case InstanceNotifierProvider instance -> instance.notifier().getClass();
        case InstanceReporterProvider instance -> instance.reporter().getClass();
        default -> provider.getClass();
      };
    }

    private static String typeOf(Class<?> role, Provider<?> provider) {
      String type;
      try {
        type = provider.type();
      } catch (RuntimeException | LinkageError broken) {
        throw new PluginException(
            "plugin registry: "
                + role.getSimpleName()
                + " "
                + provider.getClass().getName()
                + " failed to say its type ("
                + broken
                + "); fix its type() method",
            broken);
      }
      if (type == null || !type.matches("[a-z0-9][a-z0-9._-]*")) {
        throw new PluginException(
            "plugin registry: "
                + role.getSimpleName()
                + " "
                + provider.getClass().getName()
                + " has an invalid type (was \""
                + type
                + "\"); use lower-case letters, digits, '.', '_' or '-', e.g. \"slack\"");
      }
      return type;
    }

    private static String sha256(Path jar) {
      try (InputStream in =
          new DigestInputStream(Files.newInputStream(jar), MessageDigest.getInstance("SHA-256"))) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
      } catch (IOException unreadable) {
        throw new PluginException(
            "plugin registry: cannot read plugin jar "
                + jar
                + " ("
                + unreadable.getMessage()
                + "); check that it is readable",
            unreadable);
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException("every JDK has SHA-256", impossible);
      }
    }

    private static String manifestVersion(Path jar) {
      try (JarFile file = new JarFile(jar.toFile())) {
        return Optional.ofNullable(file.getManifest())
            .map(m -> m.getMainAttributes().getValue("Implementation-Version"))
            .orElse("unknown");
      } catch (IOException unreadable) {
        throw new PluginException(
            "plugin registry: plugin jar "
                + jar
                + " is not a readable jar ("
                + unreadable.getMessage()
                + "); replace it with a valid jar",
            unreadable);
      }
    }
  }

  /** A notifier registered as an instance. */
  private record InstanceNotifierProvider(String type, Notifier notifier)
      implements NotifierProvider {
    @Override
    public Notifier create(ProviderContext context) {
      return notifier;
    }
  }

  /** A reporter registered as an instance. */
  private record InstanceReporterProvider(String type, ScmStatusReporter reporter)
      implements ScmStatusReporterProvider {
    @Override
    public ScmStatusReporter create(ProviderContext context) {
      return reporter;
    }
  }
}
