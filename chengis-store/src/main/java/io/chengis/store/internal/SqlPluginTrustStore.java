package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.ALLOWED_AT;
import static io.chengis.store.internal.Tables.ALLOWED_BY;
import static io.chengis.store.internal.Tables.PLUGIN_NAME;
import static io.chengis.store.internal.Tables.PLUGIN_TRUST;
import static io.chengis.store.internal.Tables.SHA256;

import io.chengis.api.spi.PluginTrustStore;
import io.chengis.api.spi.TrustedPlugin;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Record;

/** {@link PluginTrustStore} on SQL: the installation's allowlist of plugin jar hashes. */
public final class SqlPluginTrustStore implements PluginTrustStore {
  private final Database database;

  /** The allowlist of the database. */
  public SqlPluginTrustStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<TrustedPlugin> find(String sha256) {
    String hash = TrustedPlugin.checkHash(Objects.requireNonNull(sha256, "sha256"));
    return database.read(
        dsl ->
            dsl.select(SHA256, PLUGIN_NAME, ALLOWED_BY, ALLOWED_AT)
                .from(PLUGIN_TRUST)
                .where(SHA256.eq(hash))
                .fetchOptional(SqlPluginTrustStore::plugin));
  }

  @Override
  public void allow(TrustedPlugin plugin) {
    Objects.requireNonNull(plugin, "plugin");
    database.write(
        dsl ->
            dsl.insertInto(PLUGIN_TRUST)
                .set(SHA256, plugin.sha256())
                .set(PLUGIN_NAME, plugin.name())
                .set(ALLOWED_BY, plugin.allowedBy())
                .set(ALLOWED_AT, plugin.allowedAt().toString())
                .onConflict(SHA256)
                .doUpdate()
                .set(PLUGIN_NAME, plugin.name())
                .set(ALLOWED_BY, plugin.allowedBy())
                .set(ALLOWED_AT, plugin.allowedAt().toString())
                .execute());
  }

  @Override
  public boolean revoke(String sha256) {
    String hash = TrustedPlugin.checkHash(Objects.requireNonNull(sha256, "sha256"));
    return database.write(dsl -> dsl.deleteFrom(PLUGIN_TRUST).where(SHA256.eq(hash)).execute())
        == 1;
  }

  @Override
  public List<TrustedPlugin> list() {
    return database.read(
        dsl ->
            dsl.select(SHA256, PLUGIN_NAME, ALLOWED_BY, ALLOWED_AT)
                .from(PLUGIN_TRUST)
                .orderBy(SHA256)
                .fetch(SqlPluginTrustStore::plugin));
  }

  private static TrustedPlugin plugin(Record row) {
    return new TrustedPlugin(
        row.get(SHA256),
        row.get(PLUGIN_NAME),
        row.get(ALLOWED_BY),
        Instant.parse(row.get(ALLOWED_AT)));
  }
}
