package io.chengis.api.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit log's hash chain: every {@link AuditLog} implementation computes hashes with {@link
 * #hash} and everyone checks a chain with {@link #verifier}.
 *
 * <p>The hash is the lower-case hex SHA-256 over the previous record's hash (the {@link #GENESIS}
 * for the first record of an organization) and the entry's canonical content: organization,
 * timestamp (ISO-8601), actor, action, target, the number of details, then every detail key and
 * value in order. Each field is written as {@code <UTF-8 byte length>:<text>,} so no two different
 * entries share a canonical form.
 *
 * @since 0.1.0
 */
public final class AuditChain {
  /** The hash before an organization's first record: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /**
   * The hash of an entry that follows a record with hash {@code previous}.
   *
   * @param previous the previous record's hash, or {@link #GENESIS}
   * @param entry the entry
   * @return lower-case hex SHA-256
   * @since 0.1.0
   */
  public static String hash(String previous, AuditEntry entry) {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(entry, "entry");
    StringBuilder canonical = new StringBuilder(256);
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
          "audit chain: SHA-256 is not available (was missing from the JDK's providers); every"
              + " Java platform must provide it, check the security configuration",
          e);
    }
  }

  /**
   * A verifier for one organization's chain; feed it every record in sequence order.
   *
   * @return a new verifier at the genesis
   * @since 0.1.0
   */
  public static Verifier verifier() {
    return new Verifier();
  }

  private static void field(StringBuilder canonical, String text) {
    canonical
        .append(text.getBytes(StandardCharsets.UTF_8).length)
        .append(':')
        .append(text)
        .append(',');
  }

  /**
   * Checks records one by one and remembers the first that breaks the chain.
   *
   * <p>Not thread-safe: one verifier per walk.
   *
   * @since 0.1.0
   */
  public static final class Verifier {
    private String previous = GENESIS;
    private long expected = 1;
    private long checked;
    private Optional<String> problem = Optional.empty();
    private Optional<AuditRecord> firstBroken = Optional.empty();

    private Verifier() {}

    /**
     * Checks the next record: its sequence follows the last and its hash matches its content.
     *
     * @param record the next record
     * @return {@code true} while the chain is intact
     * @since 0.1.0
     */
    public boolean accept(AuditRecord record) {
      Objects.requireNonNull(record, "record");
      if (firstBroken.isPresent()) {
        return false;
      }
      checked++;
      if (record.sequence() != expected) {
        return broken(
            record,
            "sequence "
                + record.sequence()
                + " follows "
                + (expected - 1)
                + ": a record is missing or was inserted");
      }
      String hash = hash(previous, record.entry());
      if (!hash.equals(record.hash())) {
        return broken(
            record,
            "hash does not match the content or the previous record (was "
                + record.hash()
                + ", content gives "
                + hash
                + ")");
      }
      previous = record.hash();
      expected++;
      return true;
    }

    private boolean broken(AuditRecord record, String why) {
      firstBroken = Optional.of(record);
      problem = Optional.of(why);
      return false;
    }

    /**
     * The first record that broke the chain, if any.
     *
     * @return the record
     * @since 0.1.0
     */
    public Optional<AuditRecord> firstBroken() {
      return firstBroken;
    }

    /**
     * Why the chain broke at {@link #firstBroken()}.
     *
     * @return the reason
     * @since 0.1.0
     */
    public Optional<String> problem() {
      return problem;
    }

    /**
     * How many records were checked.
     *
     * @return the count
     * @since 0.1.0
     */
    public long checked() {
      return checked;
    }
  }
}
