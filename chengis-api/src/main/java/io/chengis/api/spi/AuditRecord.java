package io.chengis.api.spi;

import java.util.Objects;

/**
 * A stored audit entry with its place in the organization's hash chain.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence the entry's position in its organization's log, from 1, without gaps
 * @param entry the entry
 * @param hash the lower-case hex SHA-256 over the previous hash and the entry's canonical content
 * @since 0.1.0
 */
public record AuditRecord(long sequence, AuditEntry entry, String hash) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the sequence is below 1
   */
  public AuditRecord {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(hash, "hash");
    if (sequence < 1) {
      throw new IllegalArgumentException(
          "audit record sequence must be at least 1 (was " + sequence + "); count from 1");
    }
  }
}
