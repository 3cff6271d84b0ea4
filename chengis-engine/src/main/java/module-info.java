/**
 * The Chengis engine: runs pipelines on local processes with live events, secrets and masking.
 *
 * @since 0.1.0
 */
module io.chengis.engine {
  requires transitive io.chengis.api;
  requires io.chengis.dsl;
  requires static org.jspecify;

  exports io.chengis.engine;
  exports io.chengis.engine.artifacts;
  exports io.chengis.engine.memory;
  exports io.chengis.engine.secrets;

  provides io.chengis.api.spi.SecretBackendProvider with
      io.chengis.engine.secrets.internal.LocalSecretBackendProvider,
      io.chengis.engine.secrets.internal.EnvSecretBackendProvider;
}
