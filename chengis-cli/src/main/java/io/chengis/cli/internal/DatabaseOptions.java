package io.chengis.cli.internal;

import io.chengis.api.OrgId;
import io.chengis.api.Secret;
import io.chengis.engine.ChengisEngine;
import io.chengis.store.SqlStores;
import io.chengis.store.StoreOptions;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the CLI keeps builds: {@code --db}, else {@code CHENGIS_DATABASE_URL}, else the config
 * file's {@code database.url}, else {@code chengis.db} in the Chengis home ({@code CHENGIS_HOME},
 * default {@code ~/.chengis}). A value is a SQLite file path, {@code jdbc:sqlite:PATH}, or {@code
 * jdbc:postgresql://HOST:PORT/DB} with {@code CHENGIS_DATABASE_USER} and {@code
 * CHENGIS_DATABASE_PASSWORD}.
 */
final class DatabaseOptions {
  @Option(
      names = "--db",
      paramLabel = "URL|FILE",
      description =
          "the database: a SQLite file or jdbc:postgresql://HOST:PORT/DB (default:"
              + " CHENGIS_DATABASE_URL, the config file, or ~/.chengis/chengis.db)")
  @Nullable String database;

  @Option(
      names = "--org",
      paramLabel = "ORG",
      description = "the organization (default: CHENGIS_ORGANIZATION, the config file, or default)")
  @Nullable String organization;

  /** Used by picocli. */
  DatabaseOptions() {}

  /** The settings of this process, with the command line's options on top. */
  CliConfig config() {
    return CliConfig.load(System.getenv());
  }

  /** The organization to work in. */
  OrgId org(CliConfig config) {
    if (organization != null) {
      return OrgId.of(organization);
    }
    return config.organization().orElse(OrgId.of("default"));
  }

  /** An engine on this database's stores and secrets, making workspaces under {@code workspace}. */
  ChengisEngine.Builder engine(SqlStores stores, CliConfig config, Path workspace) {
    return ChengisEngine.builder()
        .org(org(config))
        .buildStore(stores.builds())
        .logStore(stores.logs())
        .eventStore(stores.events())
        .scheduleStore(stores.schedules())
        .artifactCatalog(stores.artifactCatalog())
        .approvalStore(stores.approvals())
        .queueStore(stores.queue())
        .secrets(LocalSecrets.resolver(stores, config, System.getenv(), stores.audit()))
        .workspaceRoot(workspace);
  }

  /** Where the database is, as the user would write it. */
  String location(CliConfig config) {
    if (database != null) {
      return database;
    }
    return config.databaseUrl().orElseGet(() -> config.home().resolve("chengis.db").toString());
  }

  /** Opens the stores; builds left running by a stopped process are concluded on the way. */
  SqlStores open(CliConfig config) {
    String location = location(config);
    StoreOptions options = StoreOptions.defaults();
    if (config.buildLease().isPresent()) {
      options = options.withBuildLease(config.buildLease().get());
    }
    if (location.startsWith("jdbc:postgresql:")) {
      return SqlStores.postgresql(
          location,
          config.databaseUser().orElse(System.getProperty("user.name", "postgres")),
          config.databasePassword().orElse(Secret.of("")),
          options);
    }
    return SqlStores.sqlite(sqliteFile(location), options);
  }

  /** The SQLite file of a location that is not a PostgreSQL URL. */
  static Path sqliteFile(String location) {
    return Path.of(
        location.startsWith("jdbc:sqlite:")
            ? location.substring("jdbc:sqlite:".length())
            : location);
  }
}
