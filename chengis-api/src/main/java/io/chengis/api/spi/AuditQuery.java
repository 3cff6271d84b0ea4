package io.chengis.api.spi;

import io.chengis.api.OrgId;
import java.util.Objects;

/**
 * Which audit records to read: those of an organization after a sequence number.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param afterSequence only records with a greater sequence; 0 for the first
 * @param limit the most records to return, 1 to 10000
 * @since 0.1.0
 */
public record AuditQuery(OrgId org, long afterSequence, int limit) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the cursor is negative or the limit out of range
   */
  public AuditQuery {
    Objects.requireNonNull(org, "org");
    if (afterSequence < 0 || limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException(
          "audit query is out of range (was after "
              + afterSequence
              + ", limit "
              + limit
              + "); read after sequence 0 or more, 1 to 10000 records");
    }
  }
}
