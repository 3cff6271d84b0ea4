package io.chengis.scm;

import io.chengis.api.ScmEvent;
import java.util.Objects;

/**
 * What came of a webhook delivery. A closed set.
 *
 * <p>All implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface WebhookResult
    permits WebhookResult.Accepted, WebhookResult.Ignored, WebhookResult.Rejected {

  /**
   * The HTTP status to answer the forge with.
   *
   * @return 202 accepted, 200 ignored, 401 bad signature, 400 malformed
   * @since 0.1.0
   */
  int httpStatus();

  /**
   * The result in words, as stored with the delivery.
   *
   * @return the text
   * @since 0.1.0
   */
  String describe();

  /**
   * A push, tag or pull request to build.
   *
   * @param forge the forge
   * @param deliveryId the delivery id
   * @param event what happened
   * @since 0.1.0
   */
  record Accepted(Forge forge, String deliveryId, ScmEvent event) implements WebhookResult {
    /** Checks the components. */
    public Accepted {
      Objects.requireNonNull(forge, "forge");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(event, "event");
    }

    @Override
    public int httpStatus() {
      return 202;
    }

    @Override
    public String describe() {
      return "accepted: "
          + event.kind().name().toLowerCase(java.util.Locale.ROOT)
          + " of "
          + event.ref()
          + " at "
          + event.commit();
    }
  }

  /**
   * A genuine delivery with nothing to build (another event type, a deleted branch, a closed pull
   * request, a repeated delivery).
   *
   * @param forge the forge
   * @param deliveryId the delivery id
   * @param reason why
   * @since 0.1.0
   */
  record Ignored(Forge forge, String deliveryId, String reason) implements WebhookResult {
    /** Checks the components. */
    public Ignored {
      Objects.requireNonNull(forge, "forge");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int httpStatus() {
      return 200;
    }

    @Override
    public String describe() {
      return "ignored: " + reason;
    }
  }

  /**
   * A delivery that is not trusted or not understood.
   *
   * @param unauthorized whether the signature or token was missing or wrong (else malformed)
   * @param reason why, in the house shape
   * @since 0.1.0
   */
  record Rejected(boolean unauthorized, String reason) implements WebhookResult {
    /** Checks the components. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int httpStatus() {
      return unauthorized ? 401 : 400;
    }

    @Override
    public String describe() {
      return "rejected: " + reason;
    }
  }
}
