package io.chengis.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PluginException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {

  @Test
  void parse_readsTheSupportedFlags_inBothSpellings() {
    EngineOptions options =
        EngineOptions.parse(
            "here",
            List.of(
                "--user",
                "1000:1000",
                "--cpus=1.5",
                "-m",
                "512m",
                "--net=ci",
                "-w",
                "/src",
                "-e",
                "A=1",
                "--env=B=x=y"));

    assertThat(options)
        .isEqualTo(
            new EngineOptions(
                Optional.of("1000:1000"),
                1.5,
                512L * 1024 * 1024,
                Optional.of("ci"),
                Optional.of("/src"),
                Map.of("A", "1", "B", "x=y"),
                Optional.empty()));
  }

  @Test
  void parse_healthOptions_becomeAReadinessCheck() {
    EngineOptions options =
        EngineOptions.parse(
            "here",
            List.of(
                "--health-cmd",
                "pg_isready",
                "--health-interval=2s",
                "--health-timeout",
                "500ms",
                "--health-retries",
                "5",
                "--health-start-period",
                "1m"));

    assertThat(options.health())
        .contains(
            new EngineOptions.Health(
                "pg_isready",
                java.time.Duration.ofSeconds(2),
                java.time.Duration.ofMillis(500),
                5));
  }

  @Test
  void parse_unsupportedOrIncompleteOptions_areClearErrors() {
    assertThatThrownBy(() -> EngineOptions.parse("job \"build\"", List.of("--privileged", "x")))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "job \"build\": container option \"--privileged\" is not supported (was [--privileged,"
                + " x]); use only --user/-u, --cpus, --memory/-m, --network/--net, --workdir/-w,"
                + " --env/-e, --health-cmd, --health-interval, --health-timeout, --health-retries,"
                + " --health-start-period, or the container's own settings");
    assertThatThrownBy(() -> EngineOptions.parse("here", List.of("--user")))
        .hasMessage("here: container option --user has no value; write e.g. --user VALUE");
    assertThatThrownBy(() -> EngineOptions.parse("here", List.of("--memory", "lots")))
        .hasMessageContaining("must be a positive size such as 512m or 2g (was \"lots\")");
    assertThatThrownBy(() -> EngineOptions.parse("here", List.of("-e", "NOVALUE")))
        .hasMessageContaining("needs KEY=VALUE (was \"NOVALUE\")");
  }
}
