package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.ACTION;
import static io.chengis.store.internal.Tables.ACTOR;
import static io.chengis.store.internal.Tables.AT_TEXT;
import static io.chengis.store.internal.Tables.AUDIT_LOG;
import static io.chengis.store.internal.Tables.DETAILS;
import static io.chengis.store.internal.Tables.HASH;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.SEQ;
import static io.chengis.store.internal.Tables.TARGET;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chengis.api.OrgId;
import io.chengis.api.spi.AuditChain;
import io.chengis.api.spi.AuditEntry;
import io.chengis.api.spi.AuditLog;
import io.chengis.api.spi.AuditQuery;
import io.chengis.api.spi.AuditRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.jooq.Record;

/**
 * {@link AuditLog} on SQL: append-only rows per organization, each with its sequence and its {@link
 * AuditChain} hash over the previous hash and its own canonical content. Appends of one
 * organization are serialized (the SQLite writer; a transaction-scoped advisory lock on
 * PostgreSQL), so the chain never forks.
 *
 * <p>Thread-safe.
 */
public final class SqlAuditLog implements AuditLog {
  private static final TypeReference<LinkedHashMap<String, String>> DETAIL_MAP =
      new TypeReference<>() {};

  private final Database database;

  /** An audit log on the database. */
  public SqlAuditLog(Database database) {
    this.database = database;
  }

  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    String org = entry.org().value();
    return database.write(
        dsl -> {
          if (database.dialect() == Dialect.POSTGRESQL) {
            dsl.execute("select pg_advisory_xact_lock(hashtext(?))", "chengis-audit:" + org);
          }
          Record last =
              dsl.select(SEQ, HASH)
                  .from(AUDIT_LOG)
                  .where(ORG_ID.eq(org))
                  .orderBy(SEQ.desc())
                  .limit(1)
                  .fetchOne();
          long sequence = last == null ? 1 : last.get(SEQ) + 1;
          String previous = last == null ? AuditChain.GENESIS : last.get(HASH);
          AuditRecord record = new AuditRecord(sequence, entry, AuditChain.hash(previous, entry));
          dsl.insertInto(AUDIT_LOG)
              .set(ORG_ID, org)
              .set(SEQ, sequence)
              .set(AT_TEXT, entry.timestamp().toString())
              .set(ACTOR, entry.actor())
              .set(ACTION, entry.action())
              .set(TARGET, entry.target())
              .set(DETAILS, Json.write(entry.details()))
              .set(HASH, record.hash())
              .execute();
          return record;
        });
  }

  @Override
  public List<AuditRecord> read(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    return database.read(
        dsl ->
            dsl.select(SEQ, AT_TEXT, ACTOR, ACTION, TARGET, DETAILS, HASH)
                .from(AUDIT_LOG)
                .where(ORG_ID.eq(query.org().value()), SEQ.gt(query.afterSequence()))
                .orderBy(SEQ)
                .limit(query.limit())
                .fetch()
                .map(row -> record(query.org(), row)));
  }

  /** The organizations that have audit records, for verifying every chain. */
  public List<OrgId> organizations() {
    return database
        .read(dsl -> dsl.selectDistinct(ORG_ID).from(AUDIT_LOG).orderBy(ORG_ID).fetch(ORG_ID))
        .stream()
        .map(OrgId::of)
        .toList();
  }

  private static AuditRecord record(OrgId org, Record row) {
    return new AuditRecord(
        row.get(SEQ),
        new AuditEntry(
            org,
            Instant.parse(row.get(AT_TEXT)),
            row.get(ACTOR),
            row.get(ACTION),
            row.get(TARGET),
            Json.read(row.get(DETAILS), DETAIL_MAP)),
        row.get(HASH));
  }
}
