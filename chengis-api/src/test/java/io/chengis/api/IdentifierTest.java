package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifierTest {

  @Test
  void jobId_validName_toStringIsRawValue() {
    assertThat(JobId.of("api-service_2.x").toString()).isEqualTo("api-service_2.x");
    assertThat(AgentId.of("linux-builder-3").value()).isEqualTo("linux-builder-3");
  }

  @Test
  void orgId_default_isDefault() {
    assertThat(OrgId.DEFAULT).isEqualTo(OrgId.of("default"));
    assertThat(OrgId.DEFAULT.toString()).isEqualTo("default");
  }

  @Test
  void jobId_blank_messageNamesValueAndFix() {
    assertThatThrownBy(() -> JobId.of("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "job id must not be blank (was \"  \"); use 1 to 128 letters, digits, '.', '_' or '-',"
                + " starting with a letter or digit");
  }

  @Test
  void orgId_badCharacters_messageNamesValue() {
    assertThatThrownBy(() -> OrgId.of("acme corp\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "organization id contains characters that are not allowed (was \"acme corp\\u000a\");");
  }

  @Test
  void agentId_tooLong_messageGivesLengthAndCutsValue() {
    String value = "a".repeat(129);

    assertThatThrownBy(() -> AgentId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "agent id is too long: 129 characters (was \"" + "a".repeat(40) + "\"...);");
  }

  @Test
  void jobId_startsWithDot_isRejected() {
    assertThatThrownBy(() -> JobId.of(".hidden")).isInstanceOf(IllegalArgumentException.class);
    assertThat(JobId.of("a".repeat(128)).value()).hasSize(128);
  }

  @Test
  void ids_null_areRejected() {
    assertThatNullPointerException().isThrownBy(() -> JobId.of(null)).withMessage("job id");
    assertThatNullPointerException().isThrownBy(() -> EventId.of(null)).withMessage("event id");
  }
}
