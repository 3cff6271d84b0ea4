package io.chengis.api.spi;

/**
 * A factory of one plugin role, registered under a type key. Each role has its own sub-interface
 * (for example {@link StepExecutorProvider}) so that {@link java.util.ServiceLoader} can find it.
 *
 * <p>Protocol: the engine calls {@link #type()} when it registers the provider (a duplicate type is
 * an error naming both classes) and {@link #create} once per configured instance, while the engine
 * is being built, on the builder's thread. {@code create} may block briefly (open a connection
 * pool); an exception means the plugin cannot be used and fails the engine's start with the plugin
 * named. Implementations must be thread-safe and should be stateless.
 *
 * @param <T> the role this provider creates
 * @since 0.1.0
 */
public interface Provider<T> {
  /**
   * The registry key, lower-case, e.g. {@code slack}, {@code local}, {@code sqlite}.
   *
   * @return the type key
   * @since 0.1.0
   */
  String type();

  /**
   * Creates an instance of the role.
   *
   * @param context the instance's settings
   * @return a new instance, ready to use
   * @throws io.chengis.api.PluginException when the settings are wrong or a resource is missing
   * @since 0.1.0
   */
  T create(ProviderContext context);
}
