package io.chengis.engine.memory;

import io.chengis.api.OrgId;
import io.chengis.api.spi.AuditEntry;
import io.chengis.api.spi.AuditLog;
import io.chengis.api.spi.AuditQuery;
import io.chengis.api.spi.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
  private static final String GENESIS = "0".repeat(64);

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
          String previous = chain.isEmpty() ? GENESIS : chain.getLast().hash();
          AuditRecord appended = new AuditRecord(chain.size() + 1L, entry, hash(previous, entry));
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

  private static String hash(String previous, AuditEntry entry) {
    StringBuilder canonical = new StringBuilder();
    field(canonical, previous);
    field(canonical, entry.org().value());
    field(canonical, entry.timestamp().toString());
    field(canonical, entry.actor());
    field(canonical, entry.action());
    field(canonical, entry.target());
    field(canonical, Integer.toString(entry.details().size()));
    entry
        .details()
        .forEach(
            (key, value) -> {
              field(canonical, key);
              field(canonical, value);
            });
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "in-memory audit log: SHA-256 is not available (was missing from the JDK's providers);"
              + " every Java platform must provide it, check the security configuration",
          e);
    }
  }

  private static void field(StringBuilder canonical, String text) {
    canonical
        .append(text.getBytes(StandardCharsets.UTF_8).length)
        .append(':')
        .append(text)
        .append(',');
  }
}
