package io.chengis.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.WaitResponse;
import io.chengis.api.PluginException;
import io.chengis.api.spi.Cancellation;
import io.chengis.api.spi.LogSink;
import io.chengis.api.spi.StepExit;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one container to its end: create (never with auto-remove, whose wait reports 0 for a failed
 * process), start, stream its log, wait for the exit code, remove. A cancellation sends SIGTERM,
 * then SIGKILL after the grace period; the container is removed in every case.
 */
public final class ContainerRun {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerRun.class);
  private static final long LOG_DRAIN_SECONDS = 10;

  private final DockerClient docker;
  private final Duration grace;
  private final InstantSource clock;

  /**
   * A runner for one engine.
   *
   * @param docker the client
   * @param grace time between SIGTERM and SIGKILL on cancel
   * @param clock stamps log lines
   */
  public ContainerRun(DockerClient docker, Duration grace, InstantSource clock) {
    this.docker = docker;
    this.grace = grace;
    this.clock = clock;
  }

  /**
   * Creates, runs and removes a container.
   *
   * @param create the prepared create command
   * @param log where its output goes, line by line
   * @param cancellation stops it
   * @param what the step, for messages
   * @return the exit
   * @throws InterruptedException when the calling thread is interrupted (the container is killed
   *     and removed first)
   */
  public StepExit run(
      CreateContainerCmd create, LogSink log, Cancellation cancellation, String what)
      throws InterruptedException {
    if (cancellation.isCancelled()) {
      return StepExit.afterCancel();
    }
    String id;
    try {
      id = create.exec().getId();
    } catch (DockerException failed) {
      throw new PluginException(
          what + ": the container could not be created: " + Docker.reason(failed), failed);
    }
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    AtomicBoolean started = new AtomicBoolean();
    AtomicBoolean cancelled = new AtomicBoolean();
    try {
      cancellation.onCancel(
          () -> {
            cancelled.set(true);
            if (started.get()) {
              Thread.ofVirtual().name("chengis-docker-stop").start(() -> stop(id, exit));
            }
          });
      if (cancelled.get()) {
        return StepExit.afterCancel();
      }
      try {
        docker.startContainerCmd(id).exec();
      } catch (DockerException failed) {
        throw new PluginException(
            what + ": the container could not start: " + Docker.reason(failed), failed);
      }
      started.set(true);
      if (cancelled.get()) {
        Thread.ofVirtual().name("chengis-docker-stop").start(() -> stop(id, exit));
      }
      LogLines lines =
          docker
              .logContainerCmd(id)
              .withFollowStream(true)
              .withStdOut(true)
              .withStdErr(true)
              .exec(new LogLines(log, clock));
      docker
          .waitContainerCmd(id)
          .exec(
              new ResultCallback.Adapter<WaitResponse>() {
                @Override
                public void onNext(WaitResponse response) {
                  exit.complete(response.getStatusCode());
                }

                @Override
                public void onError(Throwable failed) {
                  exit.completeExceptionally(failed);
                }

                @Override
                public void onComplete() {
                  exit.completeExceptionally(
                      new IllegalStateException("the engine ended the wait without an exit code"));
                }
              });
      int code;
      try {
        code = exit.get();
      } catch (ExecutionException failed) {
        if (cancelled.get()) {
          return StepExit.afterCancel();
        }
        throw new PluginException(
            what + ": waiting for the container failed: " + Docker.reason(failed.getCause()),
            failed.getCause());
      }
      try {
        lines.awaitCompletion(LOG_DRAIN_SECONDS, TimeUnit.SECONDS);
      } finally {
        closeQuietly(lines);
        lines.flush();
      }
      return cancelled.get() ? StepExit.afterCancel() : StepExit.exited(code);
    } catch (InterruptedException interrupted) {
      kill(id, "KILL");
      throw interrupted;
    } finally {
      remove(id);
    }
  }

  /** SIGTERM, then SIGKILL when the container has not exited within the grace period. */
  private void stop(String id, CompletableFuture<Integer> exit) {
    if (!grace.isZero()) {
      kill(id, "TERM");
      try {
        exit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException | ExecutionException stillRunning) {
        // fall through to SIGKILL
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    kill(id, "KILL");
  }

  private void kill(String id, String signal) {
    try {
      docker.killContainerCmd(id).withSignal(signal).exec();
    } catch (DockerException notRunning) {
      LOG.debug("kill -{} {}: {}", signal, id, notRunning.getMessage());
    }
  }

  /**
   * Removes a container, killing it if it still runs; a container that is already gone is fine.
   *
   * @param id the container
   */
  public void remove(String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException gone) {
      // removed already
    } catch (DockerException failed) {
      LOG.warn("could not remove container {}: {}", id, failed.getMessage());
    }
  }

  private static void closeQuietly(LogLines lines) {
    try {
      lines.close();
    } catch (IOException ignored) {
      // the log stream is over either way
    }
  }
}
