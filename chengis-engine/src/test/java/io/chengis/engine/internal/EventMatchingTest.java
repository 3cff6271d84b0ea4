package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Repository URLs and pull request activities as the webhook job matching compares them. */
class EventMatchingTest {

  @Property
  void sameRepository_anySpellingOfOneRepository_matches(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 12) String owner,
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 12) String repo) {
    String plain = "https://git.example.com/" + owner + "/" + repo;

    assertThat(EventMatching.sameRepository(plain, plain + ".git")).isTrue();
    assertThat(EventMatching.sameRepository(plain + "/", plain.toUpperCase())).isTrue();
    assertThat(
            EventMatching.sameRepository(
                "https://ci:t0ken@git.example.com:443/" + owner + "/" + repo + ".git", plain))
        .isTrue();
    assertThat(EventMatching.sameRepository("git@git.example.com:" + owner + "/" + repo, plain))
        .isTrue();
    assertThat(EventMatching.sameRepository(plain + "x", plain)).isFalse();
    assertThat(
            EventMatching.sameRepository("https://other.example.com/" + owner + "/" + repo, plain))
        .isFalse();
  }

  @Test
  void activity_eachForgesAction_readsAsGithubNamesIt() {
    assertThat(EventMatching.activity("open")).isEqualTo("opened");
    assertThat(EventMatching.activity("created")).isEqualTo("opened");
    assertThat(EventMatching.activity("reopen")).isEqualTo("reopened");
    assertThat(EventMatching.activity("update")).isEqualTo("synchronize");
    assertThat(EventMatching.activity("updated")).isEqualTo("synchronize");
    assertThat(EventMatching.activity("synchronized")).isEqualTo("synchronize");
    assertThat(EventMatching.activity("synchronize")).isEqualTo("synchronize");
    assertThat(EventMatching.activity("labeled")).isEqualTo("labeled");
  }
}
