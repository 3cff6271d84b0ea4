package io.chengis.store.internal;

import static io.chengis.store.internal.Tables.BODY;
import static io.chengis.store.internal.Tables.BUILD_ID;
import static io.chengis.store.internal.Tables.FIRST_LINE;
import static io.chengis.store.internal.Tables.LINE_COUNT;
import static io.chengis.store.internal.Tables.LOG_CHUNKS;
import static io.chengis.store.internal.Tables.ORG_ID;
import static io.chengis.store.internal.Tables.STAGE;
import static io.chengis.store.internal.Tables.STEP;
import static org.jooq.impl.DSL.max;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chengis.api.LogLine;
import io.chengis.api.StoreException;
import io.chengis.api.spi.LogChunk;
import io.chengis.api.spi.LogKey;
import io.chengis.api.spi.LogRead;
import io.chengis.api.spi.LogStore;
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

  /** A log store on the database. */
  public SqlLogStore(Database database) {
    this.database = database;
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
    database.write(
        dsl -> {
          Long stored =
              dsl.select(max(FIRST_LINE.plus(LINE_COUNT)))
                  .from(LOG_CHUNKS)
                  .where(of(key))
                  .fetchOne(0, Long.class);
          long end = stored == null ? 0 : stored;
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
            dsl.insertInto(LOG_CHUNKS)
                .set(ORG_ID, key.build().org().value())
                .set(BUILD_ID, key.build().buildId().value())
                .set(STAGE, key.stage())
                .set(STEP, key.step())
                .set(FIRST_LINE, end)
                .set(LINE_COUNT, fresh.size())
                .set(BODY, Json.write(fresh))
                .execute();
          }
          return null;
        });
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
