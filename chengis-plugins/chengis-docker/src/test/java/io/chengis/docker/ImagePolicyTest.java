package io.chengis.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.OrgId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ImagePolicyTest {
  private static final OrgId ACME = OrgId.of("acme");

  @Test
  void decidingRule_highestPriorityFirst_tiesInOrderAdded_orgRulesOnlyForTheirOrg() {
    ImagePolicy policy =
        ImagePolicy.builder()
            .deny("**", 0)
            .allow("registry.example.com/**", 10)
            .deny("registry.example.com/legacy/*", 20)
            .allow(ACME, "registry.example.com/legacy/app:*", 30)
            .deny("registry.example.com/**", 10)
            .build();

    assertThat(policy.allows(OrgId.DEFAULT, "registry.example.com/team/app:1")).isTrue();
    assertThat(policy.decidingRule(OrgId.DEFAULT, "registry.example.com/team/app:1"))
        .hasValueSatisfying(rule -> assertThat(rule.index()).isEqualTo(2));
    assertThat(policy.allows(OrgId.DEFAULT, "registry.example.com/legacy/app:1")).isFalse();
    assertThat(policy.allows(ACME, "registry.example.com/legacy/app:1")).isTrue();
    assertThat(policy.allows(OrgId.DEFAULT, "alpine:3.20")).isFalse();
    assertThat(ImagePolicy.allowAll().allows(ACME, "alpine")).isTrue();
  }

  @Test
  void patterns_matchTheWrittenAndTheDockerQualifiedReference() {
    ImagePolicy policy = ImagePolicy.builder().deny("docker.io/library/*", 5).build();

    assertThat(policy.allows(OrgId.DEFAULT, "alpine:3.20")).isFalse();
    assertThat(policy.allows(OrgId.DEFAULT, "team/app:1")).isTrue();
    assertThat(policy.decidingRule(OrgId.DEFAULT, "alpine").orElseThrow().describe())
        .isEqualTo("rule 1 (deny \"docker.io/library/*\", priority 5, every organization)");
  }

  @Test
  void glob_singleStarStopsAtSlash_doubleStarDoesNot_questionMarkIsOneCharacter() {
    assertThat(ImagePolicy.matches("local/*", "local/busybox:latest")).isTrue();
    assertThat(ImagePolicy.matches("local/*", "local/team/app")).isFalse();
    assertThat(ImagePolicy.matches("local/**", "local/team/app")).isTrue();
    assertThat(ImagePolicy.matches("app:1.?", "app:1.2")).isTrue();
    assertThat(ImagePolicy.matches("app:1.?", "app:1.23")).isFalse();
  }

  @Test
  void rule_blankOrSpacedPattern_isRefusedWithTheFix() {
    assertThatThrownBy(() -> ImagePolicy.builder().deny("docker.io/ **", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "image policy rule 1 pattern must be non-blank without whitespace (was \"docker.io/"
                + " **\"); write a glob such as \"registry.example.com/**\"");
  }

  @Property
  void doubleStar_matchesEverything_andALiteralMatchesOnlyItself(
      @ForAll @AlphaChars @StringLength(max = 30) String text,
      @ForAll @AlphaChars @StringLength(max = 30) String other) {
    assertThat(ImagePolicy.matches("**", text + "/" + other)).isTrue();
    assertThat(ImagePolicy.matches(text, other)).isEqualTo(text.equals(other));
    assertThat(ImagePolicy.matches(text + "*", text + other)).isTrue();
  }
}
