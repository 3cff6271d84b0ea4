package io.chengis.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PluginException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeFileTest {
  @TempDir Path dir;

  private ComposeFile read(String yaml) throws Exception {
    Path file = dir.resolve("compose.yml");
    Files.writeString(file, yaml);
    return ComposeFile.read(file);
  }

  @Test
  void read_takesImageEnvironmentVolumesCommandAndDependencies_inDependencyOrder()
      throws Exception {
    ComposeFile file =
        read(
            """
            services:
              app:
                image: app:1
                environment: [A=1, B]
                volumes: ["./src:/src:ro"]
                working_dir: /src
                command: ./run.sh --fast
                depends_on: {cache: {condition: service_started}, db: {}}
              cache:
                image: cache:1
                depends_on: [db]
              db:
                image: db:1
                environment: {PASSWORD: secret, PORT: 5432}
                ports: ["5432:5432"]
            """);

    ComposeFile.Service app = file.services().get("app");
    assertThat(app.environment())
        .containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", ""));
    assertThat(app.command()).containsExactly("./run.sh", "--fast");
    assertThat(file.services().get("db").environment()).containsEntry("PORT", "5432");
    assertThat(file.dependenciesOf("app"))
        .extracting(ComposeFile.Service::name)
        .containsExactly("db", "cache");
  }

  @Test
  void read_unsupportedKey_listsWhatIsSupported() {
    assertThatThrownBy(() -> read("services:\n  app:\n    build: .\n    image: app:1\n"))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining(
            "service \"app\" key \"build\" is not supported by Compose steps; use only [command, depends_on, environment, image, user, volumes, working_dir]");
  }

  @Test
  void read_missingImage_orUnknownDependency_orInvalidYaml_isAClearError() {
    assertThatThrownBy(() -> read("services:\n  app:\n    command: x\n"))
        .hasMessageContaining("service \"app\" has no image (was null)");
    assertThatThrownBy(() -> read("services:\n  app:\n    image: a:1\n    depends_on: [db]\n"))
        .hasMessageContaining("service \"app\" depends on unknown service \"db\"");
    assertThatThrownBy(() -> read("services: [\n"))
        .hasMessageContaining("the Compose file is not valid YAML");
    assertThatThrownBy(() -> read("services:\n  app:\n    image: Bad/Image\n"))
        .hasMessageContaining("service \"app\" image repository name must be lower-case");
  }
}
