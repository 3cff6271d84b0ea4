package io.chengis.api;

import io.chengis.api.internal.IdText;

/**
 * The identifier of an organization (a tenant): every stored build, log, event and audit entry
 * belongs to one. Hosts without tenants use {@link #DEFAULT}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value 1 to 128 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter
 *     or digit
 * @since 0.1.0
 */
public record OrgId(String value) {
  /**
   * The organization of hosts that have only one: {@code default}.
   *
   * @since 0.1.0
   */
  public static final OrgId DEFAULT = new OrgId("default");

  /**
   * Checks the text.
   *
   * @throws IllegalArgumentException when the text breaks the rules above
   */
  public OrgId {
    IdText.checkName("organization id", value);
  }

  /**
   * An organization id.
   *
   * @param value the text, e.g. {@code acme}
   * @return the id
   * @throws IllegalArgumentException when the text is blank, too long or has other characters
   * @since 0.1.0
   */
  public static OrgId of(String value) {
    return new OrgId(value);
  }

  /**
   * The id's text.
   *
   * @return {@link #value()}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return value;
  }
}
