package io.chengis.engine.memory;

import io.chengis.api.OrgId;
import io.chengis.api.spi.AuditChain;
import io.chengis.api.spi.AuditEntry;
import io.chengis.api.spi.AuditLog;
import io.chengis.api.spi.AuditQuery;
import io.chengis.api.spi.AuditRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link AuditLog} on the heap, for tests and ephemeral hosts.
 *
 * <p>Each organization has its own append-only chain, with sequences from 1 and no gaps; a read
 * never sees another organization's records. A record's hash is the lower-case hex SHA-256 of the
 * UTF-8 bytes of a canonical encoding: the fields, in this order, each written as its length in
 * UTF-8 bytes in decimal, a colon, the text and a comma (so no field's content can pass for
 * another's). The fields are the previous record's hash (64 zeros before the first record), the
 * organization, the timestamp in ISO-8601 ({@link java.time.Instant#toString()}), the actor, the
 * action, the target, the number of details, then each detail's key and value in order.
 *
 * <p>Thread-safe: every method may be called from any thread; appends are serialized by a short
 * store-wide lock, so a chain never forks.
 *
 * @since 0.1.0
 */
public final class InMemoryAuditLog implements AuditLog {
  private final Guard guard = new Guard();
  private final Map<OrgId, List<AuditRecord>> chains = new HashMap<>();

  /**
   * Creates an empty log.
   *
   * @since 0.1.0
   */
  public InMemoryAuditLog() {}

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return guard.call(
        () -> {
          List<AuditRecord> chain = chains.computeIfAbsent(entry.org(), o -> new ArrayList<>());
          String previous = chain.isEmpty() ? AuditChain.GENESIS : chain.getLast().hash();
          AuditRecord appended =
              new AuditRecord(chain.size() + 1L, entry, AuditChain.hash(previous, entry));
          chain.add(appended);
          return appended;
        });
  }

  /**
   * {@inheritDoc}
   *
   * @since 0.1.0
   */
  @Override
  public List<AuditRecord> read(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    return guard.call(
        () -> {
          List<AuditRecord> chain = chains.getOrDefault(query.org(), List.of());
          return Windows.of(chain, query.afterSequence(), query.limit());
        });
  }
}
