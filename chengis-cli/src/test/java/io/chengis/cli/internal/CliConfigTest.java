package io.chengis.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigTest {
  @TempDir Path home;

  private CliConfig parse(String yaml) {
    return CliConfig.parse(home.resolve("config.yml"), yaml, home);
  }

  @Test
  void parse_numericLookingPassword_staysTheTextAsWritten() {
    CliConfig config =
        parse(
            """
            database:
              url: jdbc:postgresql://db:5432/chengis
              user: ci
              password: 012345
            """);

    assertThat(config.databasePassword()).contains(Secret.of("012345"));
    assertThat(config.databaseUrl()).contains("jdbc:postgresql://db:5432/chengis");
    assertThat(config.databaseUser()).contains("ci");
  }

  @Test
  void parse_allKeys_areTyped() {
    CliConfig config =
        parse(
            """
            organization: acme
            database:
              build-lease: PT45S
            """);

    assertThat(config.organization()).contains(OrgId.of("acme"));
    assertThat(config.buildLease()).contains(Duration.ofSeconds(45));
  }

  @Test
  void parse_misspelledKey_failsWithItsPlaceAndTheKnownKeys() {
    assertThatThrownBy(() -> parse("database:\n  usr: ci\n"))
        .isInstanceOf(CliConfig.ConfigException.class)
        .hasMessage(
            home.resolve("config.yml")
                + ":2:3: key \"database.usr\" is unknown (was \"database.usr\"); known keys here:"
                + " url, user, password, build-lease");
  }

  @Test
  void parse_listWhereAValueBelongs_failsWithItsPlace() {
    assertThatThrownBy(() -> parse("database:\n  url: [a, b]\n"))
        .isInstanceOf(CliConfig.ConfigException.class)
        .hasMessageContaining(":2:8: database.url must be a single value (was a list)");
  }

  @Test
  void parse_badLease_namesTheValueAndTheFormat() {
    assertThatThrownBy(() -> parse("database:\n  build-lease: 30s\n"))
        .isInstanceOf(CliConfig.ConfigException.class)
        .hasMessageContaining(
            ":2:16: build lease is not a positive ISO-8601 duration (was \"30s\"); write it like"
                + " PT30S");
  }

  @Test
  void parse_brokenYaml_failsWithItsPlace() {
    assertThatThrownBy(() -> parse("database:\n  url: \"open\n"))
        .isInstanceOf(CliConfig.ConfigException.class)
        .hasMessageContaining("config file is not valid YAML");
  }

  @Test
  void load_environment_winsOverTheFile() throws Exception {
    Files.writeString(
        home.resolve("config.yml"), "database:\n  url: from-file.db\n  user: file-user\n");

    CliConfig config =
        CliConfig.load(Map.of("CHENGIS_HOME", home.toString(), "CHENGIS_DATABASE_URL", "env.db"));

    assertThat(config.databaseUrl()).contains("env.db");
    assertThat(config.databaseUser()).contains("file-user");
    assertThat(config.home()).isEqualTo(home);
  }

  @Test
  void toString_withPassword_neverShowsIt() {
    CliConfig config = parse("database:\n  password: hunter2\n");

    assertThat(config.toString()).doesNotContain("hunter2");
  }
}
