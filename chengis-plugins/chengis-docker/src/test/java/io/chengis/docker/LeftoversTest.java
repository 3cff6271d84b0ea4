package io.chengis.docker;

import static io.chengis.docker.ContainerEngine.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.chengis.api.PluginException;
import io.chengis.docker.internal.Docker;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("container")
@ExtendWith(ContainerEngine.class)
class LeftoversTest {

  @Test
  void build_removesContainersAndNetworksLabelledWithItsInstance_andNoOthers() throws Exception {
    try (DockerClient docker = Docker.connect(ContainerEngine.executor().host())) {
      String leftover =
          docker
              .createContainerCmd(IMAGE)
              .withCmd("sleep", "60")
              .withLabels(
                  Map.of(
                      DockerExecutor.INSTANCE_LABEL, "chengis-tests-crashed",
                      DockerExecutor.BUILD_LABEL, "01JLEFTOVER0000000000000000"))
              .exec()
              .getId();
      docker.startContainerCmd(leftover).exec();
      String network =
          docker
              .createNetworkCmd()
              .withName("chengis-tests-leftover-" + Long.toString(System.nanoTime(), 36))
              .withLabels(Map.of(DockerExecutor.INSTANCE_LABEL, "chengis-tests-crashed"))
              .exec()
              .getId();
      String other =
          docker
              .createContainerCmd(IMAGE)
              .withCmd("true")
              .withLabels(Map.of(DockerExecutor.INSTANCE_LABEL, "chengis-tests-someone-else"))
              .exec()
              .getId();
      try {
        DockerExecutor.builder().instance("chengis-tests-crashed").build().close();

        assertThat(ids(docker, "chengis-tests-crashed")).isEmpty();
        assertThat(docker.listNetworksCmd().withIdFilter(network).exec()).isEmpty();
        assertThat(ids(docker, "chengis-tests-someone-else")).containsExactly(other);
      } finally {
        docker.removeContainerCmd(other).withForce(true).exec();
      }
    }
  }

  @Test
  void build_withoutAnEngine_saysWhatWasTriedAndHowToStartOne() {
    assertThatThrownBy(
            () ->
                DockerExecutor.builder()
                    .host(URI.create("unix:///nonexistent/docker.sock"))
                    .build())
        .isInstanceOf(PluginException.class)
        .hasMessageStartingWith(
            "docker: no container engine answers at unix:///nonexistent/docker.sock")
        .hasMessageContaining("scripts/container-engine.sh start");
  }

  private static List<String> ids(DockerClient docker, String instance) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(DockerExecutor.INSTANCE_LABEL, instance))
        .exec()
        .stream()
        .map(c -> c.getId())
        .toList();
  }
}
