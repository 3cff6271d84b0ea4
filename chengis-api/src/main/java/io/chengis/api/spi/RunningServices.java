package io.chengis.api.spi;

/**
 * The service containers of one stage while its steps run, as {@link
 * StepExecutor#startServices(ServicesContext)} returned them.
 *
 * <p>Protocol: the engine calls {@link #stop()} exactly once, on the stage's thread, after the
 * stage's last step has ended, whatever the outcome (cancelled and timed-out stages included). It
 * may block until the services are gone. An exception is recorded as a warning on the build.
 * Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RunningServices {
  /**
   * Stops and removes the services.
   *
   * @throws InterruptedException when the calling thread is interrupted
   * @since 0.1.0
   */
  void stop() throws InterruptedException;
}
