package io.chengis.api.spi;

import java.util.List;

/**
 * The append-only audit log: every accountable action, chained by SHA-256 so that tampering shows.
 *
 * <p>Protocol: the engine and hosts call {@link #append} from any thread whenever an audited action
 * happens (approvals, secret reads, cancels); appends of one organization are serialized by the
 * implementation so the chain has no forks. {@link #read} is called from any thread (exports,
 * verification). Both may block on I/O. An exception ({@link io.chengis.api.StoreException}) means
 * the entry was not recorded, and the audited action must not proceed. Implementations must be
 * thread-safe.
 *
 * @since 0.1.0
 */
public interface AuditLog {
  /**
   * Records an entry at the end of its organization's chain.
   *
   * @param entry the entry
   * @return the stored record with its sequence and hash
   * @since 0.1.0
   */
  AuditRecord append(AuditEntry entry);

  /**
   * Reads records after a sequence number, in sequence order.
   *
   * @param query the organization, cursor and limit
   * @return up to {@code limit} records; empty when there are no newer ones
   * @since 0.1.0
   */
  List<AuditRecord> read(AuditQuery query);
}
