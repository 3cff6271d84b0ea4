package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.SCOPE;
import static io.chengis.store.internal.Tables.SCOPE_ID;
import static io.chengis.store.internal.Tables.SEALED;
import static io.chengis.store.internal.Tables.SECRETS;
import static io.chengis.store.internal.Tables.SECRET_KEY_ID;
import static io.chengis.store.internal.Tables.SECRET_NAME;
import static io.chengis.store.internal.Tables.UPDATED_AT;

import io.chengis.store.SecretRow;
import io.chengis.store.SecretRows;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record;

/** {@link SecretRows} on SQL: ciphertext and key id only, never clear text. */
public final class SqlSecretRows implements SecretRows {
  private final Database database;
  private final InstantSource clock;

  /** The secrets table of the database. */
  public SqlSecretRows(Database database, InstantSource clock) {
    this.database = database;
    this.clock = clock;
  }

  private static Condition key(String owner, String scope, String scopeId, String name) {
    return ORG_ID
        .eq(owner)
        .and(SCOPE.eq(scope))
        .and(SCOPE_ID.eq(scopeId))
        .and(SECRET_NAME.eq(name));
  }

  @Override
  public void put(SecretRow row) {
    Objects.requireNonNull(row, "row");
    long now = clock.instant().toEpochMilli();
    database.write(
        dsl ->
            dsl.insertInto(SECRETS)
                .set(ORG_ID, row.owner())
                .set(SCOPE, row.scope())
                .set(SCOPE_ID, row.scopeId())
                .set(SECRET_NAME, row.name())
                .set(SECRET_KEY_ID, row.keyId())
                .set(SEALED, row.sealed())
                .set(UPDATED_AT, now)
                .onConflict(ORG_ID, SCOPE, SCOPE_ID, SECRET_NAME)
                .doUpdate()
                .set(SECRET_KEY_ID, row.keyId())
                .set(SEALED, row.sealed())
                .set(UPDATED_AT, now)
                .execute());
  }

  @Override
  public Optional<SecretRow> get(String owner, String scope, String scopeId, String name) {
    return database.read(
        dsl ->
            dsl.select(ORG_ID, SCOPE, SCOPE_ID, SECRET_NAME, SECRET_KEY_ID, SEALED)
                .from(SECRETS)
                .where(key(owner, scope, scopeId, name))
                .fetchOptional(SqlSecretRows::row));
  }

  @Override
  public boolean delete(String owner, String scope, String scopeId, String name) {
    return database.write(
            dsl -> dsl.deleteFrom(SECRETS).where(key(owner, scope, scopeId, name)).execute())
        == 1;
  }

  @Override
  public List<SecretRow> all() {
    return database.read(
        dsl ->
            dsl.select(ORG_ID, SCOPE, SCOPE_ID, SECRET_NAME, SECRET_KEY_ID, SEALED)
                .from(SECRETS)
                .orderBy(ORG_ID, SCOPE, SCOPE_ID, SECRET_NAME)
                .fetch(SqlSecretRows::row));
  }

  private static SecretRow row(Record row) {
    return new SecretRow(
        row.get(ORG_ID),
        row.get(SCOPE),
        row.get(SCOPE_ID),
        row.get(SECRET_NAME),
        row.get(SECRET_KEY_ID),
        row.get(SEALED));
  }
}
