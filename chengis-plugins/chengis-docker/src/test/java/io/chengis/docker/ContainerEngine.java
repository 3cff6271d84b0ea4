package io.chengis.docker;

import io.chengis.api.PluginException;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the tests of a class need a container engine: they run when one answers (with the image
 * {@value #IMAGE} that {@code scripts/container-engine.sh start} builds), fail when the environment
 * variable {@code CI} is set and none answers, and are skipped with a message saying how to start
 * one everywhere else.
 */
final class ContainerEngine implements BeforeAllCallback {
  static final String IMAGE = "local/busybox:latest";
  static final String INSTANCE = "chengis-tests";

  private static volatile DockerExecutor shared;

  ContainerEngine() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    executor();
  }

  /** The executor shared by the container tests, built (and leftovers removed) once. */
  static synchronized DockerExecutor executor() {
    if (shared == null) {
      try {
        DockerExecutor executor =
            DockerExecutor.builder()
                .instance(INSTANCE)
                .killGracePeriod(Duration.ofMillis(500))
                .build();
        executor.requireImage(IMAGE);
        shared = executor;
      } catch (PluginException unavailable) {
        String message =
            "no container engine with image "
                + IMAGE
                + " answers ("
                + unavailable.getMessage()
                + "); run scripts/container-engine.sh start";
        if (System.getenv("CI") != null) {
          throw new AssertionError("CI is set, so container tests must run: " + message);
        }
        Assumptions.abort(message);
      }
    }
    return shared;
  }
}
