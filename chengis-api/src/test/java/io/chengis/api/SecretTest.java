package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.chengis.api.spi.CheckoutRequest;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.ProviderContext;
import io.chengis.api.spi.StepContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretTest {
  private static final String VALUE = "ghp_s3cr3t-T0ken";
  private static final BuildId BUILD = BuildId.of("01ARZ3NDEKTSV4RRFFQ69G5FAV");

  @Test
  void toString_anySecret_isMaskedAndHidesValue() {
    Secret secret = Secret.of(VALUE);

    assertThat(secret.toString()).isEqualTo("Secret[***]");
    assertThat(secret.reveal()).isEqualTo(VALUE);
  }

  @Test
  void equals_sameText_equalWithSameHash() {
    assertThat(Secret.of(VALUE)).isEqualTo(Secret.of(new String(VALUE))).isNotEqualTo(VALUE);
    assertThat(Secret.of(VALUE)).hasSameHashCodeAs(Secret.of(VALUE));
  }

  @Test
  void equals_differentTextOrLengthOrPrefix_notEqual() {
    assertThat(Secret.of(VALUE)).isNotEqualTo(Secret.of(VALUE + "x"));
    assertThat(Secret.of(VALUE)).isNotEqualTo(Secret.of(VALUE.substring(1)));
    assertThat(Secret.of("é")).isNotEqualTo(Secret.of("e"));
    assertThat(Secret.of("")).isEqualTo(Secret.of(""));
  }

  @Test
  void of_null_isRejected() {
    assertThatNullPointerException().isThrownBy(() -> Secret.of(null));
  }

  @Test
  void recordsHoldingSecretMaterial_toString_neverShowValue() {
    SourceSpec source =
        new SourceSpec(
            "https://example.com/repo.git",
            Optional.empty(),
            0,
            false,
            Optional.of(SecretRef.of("TOKEN")),
            SourceLocation.unknown());
    CheckoutRequest checkout =
        new CheckoutRequest(
            BUILD,
            source,
            Optional.of(Secret.of(VALUE)),
            Path.of("/ws"),
            line -> {},
            new NeverCancelled());
    StepContext step =
        new StepContext(
            BUILD,
            "deploy",
            "ship",
            Step.of("ship", new StepAction.Shell("./ship.sh", Optional.empty())),
            Map.of("TOKEN", VALUE),
            Path.of("/ws"),
            line -> {},
            new NeverCancelled());
    NotificationRequest notification =
        new NotificationRequest(OrgId.DEFAULT, ResultsTest.build(List.of()), Map.of("url", VALUE));
    ProviderContext context = ProviderContext.of(Map.of("token", VALUE));

    assertThat(List.of(checkout, step, notification, context, Optional.of(Secret.of(VALUE))))
        .allSatisfy(holder -> assertThat(holder.toString()).doesNotContain(VALUE));
    assertThat(step.toString()).contains("TOKEN");
    assertThat(context.setting("token")).contains(VALUE);
  }

  private static final class NeverCancelled implements io.chengis.api.spi.Cancellation {
    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void onCancel(Runnable action) {}
  }
}
