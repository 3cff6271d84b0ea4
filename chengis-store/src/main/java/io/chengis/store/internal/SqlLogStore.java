package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.BODY;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.FIRST_LINE;
import static io.chengis.store.internal.Tables.LINE_COUNT;
import static io.chengis.store.internal.Tables.LOG_CHUNKS;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.STAGE;
import static io.chengis.store.internal.Tables.STEP;
import static io.chengis.store.internal.Tables.bound;
import static io.chengis.store.internal.Tables.insertBound;
import static org.jooq.impl.DSL.max;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chengis.api.LogLine;
import io.chengis.api.StoreException;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.api.spi.LogStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.Record2;

/**
 * {@link LogStore} on SQL: a row per appended chunk, its lines as one JSON document, keyed by the
 * line number it starts at. Appends are idempotent (a chunk already stored adds nothing; an
 * overlapping one adds only its new tail) and never leave a gap.
 *
 * <p>Thread-safe.
 */
public final class SqlLogStore implements LogStore {
  private static final TypeReference<List<LogLine>> LINES = new TypeReference<>() {};

  private final Database database;
  // Rendered once: an append runs them through JDBC on the writer's connection (decision 56).
  private final String endSql;
  private final String insertSql;

  /** A log store on the database. */
  public SqlLogStore(Database database) {
    this.database = database;
    this.endSql =
        database.sql(
            dsl ->
                dsl.select(max(FIRST_LINE.plus(LINE_COUNT)))
                    .from(LOG_CHUNKS)
                    .where(
                        ORG_ID.eq(bound(ORG_ID)),
                        BUILD_ID.eq(bound(BUILD_ID)),
                        STAGE.eq(bound(STAGE)),
                        STEP.eq(bound(STEP))));
    this.insertSql =
        database.sql(
            dsl ->
                insertBound(
                    dsl, LOG_CHUNKS, ORG_ID, BUILD_ID, STAGE, STEP, FIRST_LINE, LINE_COUNT, BODY));
  }

  private static Condition of(LogKey key) {
    return ORG_ID
        .eq(key.build().org().value())
        .and(BUILD_ID.eq(key.build().buildId().value()))
        .and(STAGE.eq(key.stage()))
        .and(STEP.eq(key.step()));
  }

  @Override
  public void append(LogChunk chunk) {
    Objects.requireNonNull(chunk, "chunk");
    if (chunk.lines().isEmpty()) {
      return;
    }
    LogKey key = chunk.key();
    // Written before the write, off the writer's lock, for the usual append at the log's end.
    String whole = Json.write(chunk.lines());
    database.writeStatements(
        statements -> {
          long end;
          PreparedStatement select = statements.prepare(endSql);
          bindKey(select, key);
          try (ResultSet row = select.executeQuery()) {
            // max() of no rows is null, which getLong reads as 0: an empty log.
            end = row.next() ? row.getLong(1) : 0;
          }
          if (chunk.offset() > end) {
            throw new StoreException(
                "sql store "
                    + database.description()
                    + ": chunk of "
                    + describe(key)
                    + " would leave a gap (was offset "
                    + chunk.offset()
                    + ", log ends at "
                    + end
                    + "); append from offset "
                    + end);
          }
          if (chunk.end() > end) {
            List<LogLine> fresh =
                chunk.lines().subList((int) (end - chunk.offset()), chunk.lines().size());
            PreparedStatement insert = statements.prepare(insertSql);
            bindKey(insert, key);
            insert.setLong(5, end);
            insert.setLong(6, fresh.size());
            insert.setString(7, end == chunk.offset() ? whole : Json.write(fresh));
            insert.executeUpdate();
          }
          return null;
        });
  }

  /** Binds organization, build, stage and step, in that order, as the first four values. */
  private static void bindKey(PreparedStatement statement, LogKey key) throws SQLException {
    statement.setString(1, key.build().org().value());
    statement.setString(2, key.build().buildId().value());
    statement.setString(3, key.stage());
    statement.setString(4, key.step());
  }

  @Override
  public LogChunk read(LogRead read) {
    Objects.requireNonNull(read, "read");
    long from = read.offset();
    long to = from + read.limit();
    List<Record2<Long, String>> rows =
        database.read(
            dsl ->
                dsl.select(FIRST_LINE, BODY)
                    .from(LOG_CHUNKS)
                    .where(of(read.key()))
                    .and(FIRST_LINE.plus(LINE_COUNT).gt(from))
                    .and(FIRST_LINE.lt(to))
                    .orderBy(FIRST_LINE)
                    .fetch());
    List<LogLine> lines = new ArrayList<>(Math.min(read.limit(), 1024));
    for (Record2<Long, String> row : rows) {
      List<LogLine> chunk = Json.read(row.value2(), LINES);
      long first = row.value1();
      int start = (int) Math.max(0, from - first);
      int end = (int) Math.min(chunk.size(), to - first);
      lines.addAll(chunk.subList(start, end));
    }
    return new LogChunk(read.key(), from, lines);
  }

  private static String describe(LogKey key) {
    return "build "
        + key.build().buildId()
        + " stage \""
        + key.stage()
        + "\" step \""
        + key.step()
        + "\" in organization "
        + key.build().org();
  }
}
