/**
 * Runs container steps, Compose steps and stage services on a Docker-API-compatible engine (Docker,
 * rootful Podman) through docker-java.
 *
 * @since 0.1.0
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.chengis.docker {
  requires transitive io.chengis.api;
  requires static org.jspecify;
  requires com.github.dockerjava.api;
  requires com.github.dockerjava.core;
  requires com.github.dockerjava.transport;
  requires com.github.dockerjava.transport.zerodep;
  requires org.snakeyaml.engine;
  requires org.slf4j;

  exports io.chengis.docker;

  provides io.chengis.api.spi.StepExecutorProvider with
      io.chengis.docker.internal.DockerExecutorProvider;
}
