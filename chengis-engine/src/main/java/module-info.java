/**
 * The Chengis engine: runs pipelines on local processes with live events, secrets and masking.
 *
 * @since 0.1.0
 */
module io.chengis.engine {
  requires transitive io.chengis.api;
  requires io.chengis.dsl;
  requires org.apache.commons.compress;
  requires static org.jspecify;
  // Read only to size the in-memory log's slabs to the collector's regions; absent is fine.
  requires static java.management;
  requires static jdk.management;

  exports io.chengis.engine;
  exports io.chengis.engine.artifacts;
  exports io.chengis.engine.caches;
  exports io.chengis.engine.memory;
  exports io.chengis.engine.secrets;
  exports io.chengis.engine.plugins;

  uses io.chengis.api.spi.NotifierProvider;
  uses io.chengis.api.spi.ScmStatusReporterProvider;
  uses io.chengis.api.spi.SecretBackendProvider;
  uses io.chengis.api.spi.StepExecutorProvider;
  uses io.chengis.api.spi.ScmProviderProvider;
  uses io.chengis.api.spi.PipelineFormatProvider;
  uses io.chengis.api.spi.CacheStoreProvider;
  uses io.chengis.api.spi.ActionProvider;

  provides io.chengis.api.spi.SecretBackendProvider with
      io.chengis.engine.secrets.internal.LocalSecretBackendProvider,
      io.chengis.engine.secrets.internal.EnvSecretBackendProvider;
  provides io.chengis.api.spi.CacheStoreProvider with
      io.chengis.engine.caches.internal.LocalCacheStoreProvider;
}
