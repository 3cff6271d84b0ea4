package io.chengis.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Connects to an engine and phrases its errors. */
public final class Docker {
  private static final Pattern JSON_MESSAGE =
      Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private Docker() {}

  /**
   * A client for the engine at this address.
   *
   * @param host e.g. {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}
   * @return the client; close it when done
   */
  public static DockerClient connect(URI host) {
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host.toString())
            .build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(5))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /**
   * The engine's own explanation of a failure, without HTTP noise.
   *
   * @param failure what the client threw
   * @return a short reason
   */
  public static String reason(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    Matcher json = JSON_MESSAGE.matcher(message);
    if (json.find()) {
      return json.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    if (failure instanceof DockerException docker) {
      return "HTTP " + docker.getHttpStatus() + ": " + message.strip();
    }
    return message.strip();
  }
}
