package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** GitHub Actions' filter semantics for push and pull request triggers. */
class TriggerFiltersTest {
  static final SourceLocation HERE = SourceLocation.unknown();

  static Trigger.Push push(
      List<String> branches,
      List<String> branchesIgnore,
      List<String> tags,
      List<String> tagsIgnore,
      List<String> paths,
      List<String> pathsIgnore) {
    return new Trigger.Push(branches, branchesIgnore, tags, tagsIgnore, paths, pathsIgnore, HERE);
  }

  @Test
  void noFilters_matches_everyBranchAndTag() {
    Trigger.Push any = new Trigger.Push(List.of(), HERE);

    assertThat(any.matches("refs/heads/feature/x", List.of("a"))).isTrue();
    assertThat(any.matches("refs/tags/v1", List.of())).isTrue();
    assertThat(any.matches("main", List.of())).isTrue();
  }

  @Test
  void branchFiltersOnly_matches_noTags() {
    Trigger.Push main = new Trigger.Push(List.of("main", "release/**"), HERE);

    assertThat(main.matches("refs/heads/release/1.2/hotfix", List.of())).isTrue();
    assertThat(main.matches("refs/heads/feature", List.of())).isFalse();
    assertThat(main.matches("refs/tags/main", List.of())).isFalse();
  }

  @Test
  void tagFiltersOnly_matches_noBranches() {
    Trigger.Push tags =
        push(List.of(), List.of(), List.of("v[0-9]+.*"), List.of(), List.of(), List.of());

    assertThat(tags.matches("refs/tags/v12.0", List.of())).isTrue();
    assertThat(tags.matches("refs/tags/vx", List.of())).isFalse();
    assertThat(tags.matches("refs/heads/main", List.of())).isFalse();
  }

  @Test
  void negatedPatterns_matches_lastMatchingPatternDecides() {
    Trigger.Push releases =
        new Trigger.Push(List.of("releases/**", "!releases/**-alpha", "releases/keep-alpha"), HERE);

    assertThat(releases.matches("releases/10", List.of())).isTrue();
    assertThat(releases.matches("releases/10-alpha", List.of())).isFalse();
    assertThat(releases.matches("releases/keep-alpha", List.of())).isTrue();
  }

  @Test
  void branchesIgnore_matches_everyOtherBranch() {
    Trigger.Push notWip =
        push(List.of(), List.of("wip/*"), List.of(), List.of(), List.of(), List.of());

    assertThat(notWip.matches("refs/heads/main", List.of())).isTrue();
    assertThat(notWip.matches("refs/heads/wip/a", List.of())).isFalse();
    assertThat(notWip.matches("refs/heads/wip/a/b", List.of())).isTrue();
  }

  @Test
  void pathFilters_matches_asGithubDocuments() {
    Trigger.Push js = push(List.of(), List.of(), List.of(), List.of(), List.of("**.js"), List.of());
    Trigger.Push notDocs =
        push(List.of(), List.of(), List.of(), List.of(), List.of(), List.of("docs/**"));

    assertThat(js.matches("main", List.of("app/index.js"))).isTrue();
    assertThat(js.matches("main", List.of("README.md"))).isFalse();
    assertThat(notDocs.matches("main", List.of("docs/a.md", "docs/sub/b.md"))).isFalse();
    assertThat(notDocs.matches("main", List.of("docs/a.md", "src/b.java"))).isTrue();
  }

  @Test
  void questionMarkAndPlus_matches_modifyThePrecedingCharacter() {
    Trigger.Push optional = new Trigger.Push(List.of("ma?in"), HERE);
    Trigger.Push repeated = new Trigger.Push(List.of("v1+"), HERE);

    assertThat(optional.matches("min", List.of())).isTrue();
    assertThat(optional.matches("main", List.of())).isTrue();
    assertThat(optional.matches("maain", List.of())).isFalse();
    assertThat(repeated.matches("v111", List.of())).isTrue();
    assertThat(repeated.matches("v", List.of())).isFalse();
  }

  @Test
  void pullRequestTypes_matches_defaultsToOpenedSynchronizeReopened() {
    Trigger.PullRequest defaults = new Trigger.PullRequest(List.of(), HERE);

    assertThat(defaults.matches("opened", "main", List.of())).isTrue();
    assertThat(defaults.matches("synchronize", "refs/heads/dev", List.of())).isTrue();
    assertThat(defaults.matches("labeled", "main", List.of())).isFalse();
  }

  @Property(tries = 300)
  void literalBranch_matches_exactlyItself(
      @ForAll("names") String branch, @ForAll("names") String other) {
    Trigger.Push only = new Trigger.Push(List.of(branch), HERE);

    assertThat(only.matches("refs/heads/" + branch, List.of())).isTrue();
    assertThat(only.matches("refs/heads/" + other, List.of())).isEqualTo(branch.equals(other));
  }

  @Property(tries = 300)
  void anyPatternAndName_matches_neverThrows(
      @ForAll("patterns") String pattern, @ForAll("names") String name) {
    Trigger.Push filter = new Trigger.Push(List.of(pattern), HERE);

    filter.matches(name, List.of(name));
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings()
        .withChars("abc-_./0123".toCharArray())
        .ofMinLength(1)
        .ofMaxLength(12);
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars("ab*?+[]!\\/.(){}^$|".toCharArray()).ofMaxLength(10);
  }
}
