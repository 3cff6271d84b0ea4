package io.chengis.api.spi;

import io.chengis.api.OrgId;
import io.chengis.api.internal.OrderedCopies;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something someone did that must be accountable: an approval, a secret read, a cancel, a settings
 * change. Holds no secret values (secrets are named, never shown).
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization
 * @param timestamp when it happened, by the engine's clock
 * @param actor who did it (a user, an API key's name, {@code engine})
 * @param action what was done, e.g. {@code secret.read}, {@code build.approve}
 * @param target what it was done to, e.g. a build id or a secret's name
 * @param details further facts, in the order given
 * @since 0.1.0
 */
public record AuditEntry(
    OrgId org,
    Instant timestamp,
    String actor,
    String action,
    String target,
    Map<String, String> details) {
  /** Checks and copies the components. */
  public AuditEntry {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    details = OrderedCopies.map(details, "details");
  }
}
