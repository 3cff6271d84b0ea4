package io.chengis.docker;

import io.chengis.api.ImageReference;
import io.chengis.api.OrgId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which container images may run: allow and deny rules with glob patterns and priorities, each for
 * every organization or for one.
 *
 * <pre>{@code
 * ImagePolicy policy =
 *     ImagePolicy.builder()
 *         .allow("registry.example.com/**", 10)
 *         .deny(OrgId.of("contractors"), "**", 5)
 *         .build();
 * }</pre>
 *
 * <p>To decide on an image for a build of organization {@code org}, the rules for every
 * organization and those for {@code org} are ordered by priority, highest first, rules of equal
 * priority in the order they were added; the first rule whose pattern matches decides. When no rule
 * matches, the image is allowed (add {@code deny("**", Integer.MIN_VALUE)} to deny by default).
 *
 * <p>A pattern is matched against the whole image reference, tag and digest included, in two forms:
 * as written ({@code alpine:3.20}) and as Docker qualifies it ({@code
 * docker.io/library/alpine:3.20}); a rule matches when either form does. In a pattern {@code **}
 * matches any characters, {@code *} any characters except {@code /}, {@code ?} one character except
 * {@code /}; everything else matches itself.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ImagePolicy {
  private static final ImagePolicy ALLOW_ALL = new ImagePolicy(List.of());

  private final List<Rule> rules;

  private ImagePolicy(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The policy without rules: every image is allowed.
   *
   * @return the shared instance
   * @since 0.1.0
   */
  public static ImagePolicy allowAll() {
    return ALLOW_ALL;
  }

  /**
   * Starts a policy.
   *
   * @return a builder without rules
   * @since 0.1.0
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The rules in the order they were added.
   *
   * @return an unmodifiable list
   * @since 0.1.0
   */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Decides on an image for a build of an organization.
   *
   * @param org the build's organization
   * @param image the image reference; it must be valid ({@link ImageReference#parse(String)})
   * @return the rule that decided, or empty when no rule matches (the image is allowed)
   * @throws IllegalArgumentException when the reference is invalid
   * @since 0.1.0
   */
  public Optional<Rule> decidingRule(OrgId org, String image) {
    Objects.requireNonNull(org, "org");
    ImageReference reference = ImageReference.parse(image);
    String written = reference.toString();
    String qualified = qualified(reference);
    return rules.stream()
        .filter(rule -> rule.org().map(org::equals).orElse(true))
        .sorted(Comparator.comparingInt(Rule::priority).reversed())
        .filter(rule -> matches(rule.pattern(), written) || matches(rule.pattern(), qualified))
        .findFirst();
  }

  /**
   * Whether an image may run for a build of an organization.
   *
   * @param org the build's organization
   * @param image the image reference
   * @return {@code true} unless the deciding rule denies it
   * @throws IllegalArgumentException when the reference is invalid
   * @since 0.1.0
   */
  public boolean allows(OrgId org, String image) {
    return decidingRule(org, image).map(rule -> rule.action() == Action.ALLOW).orElse(true);
  }

  /**
   * Whether a glob pattern matches a text: {@code **} any characters, {@code *} any except {@code
   * /}, {@code ?} one except {@code /}.
   *
   * @param pattern the pattern
   * @param text the text
   * @return whether the whole text matches
   * @since 0.1.0
   */
  public static boolean matches(String pattern, String text) {
    // Iterative matching with one backtrack point per kind of star keeps it linear-ish and free of
    // the catastrophic cases a regular expression built from user input could have.
    return match(pattern, 0, text, 0, new Boolean[pattern.length() + 1][text.length() + 1]);
  }

  private static boolean match(String p, int i, String t, int j, Boolean[][] memo) {
    if (memo[i][j] != null) {
      return memo[i][j];
    }
    boolean result;
    if (i == p.length()) {
      result = j == t.length();
    } else if (p.startsWith("**", i)) {
      result = match(p, i + 2, t, j, memo) || (j < t.length() && match(p, i, t, j + 1, memo));
    } else if (p.charAt(i) == '*') {
      result =
          match(p, i + 1, t, j, memo)
              || (j < t.length() && t.charAt(j) != '/' && match(p, i, t, j + 1, memo));
    } else if (p.charAt(i) == '?') {
      result = j < t.length() && t.charAt(j) != '/' && match(p, i + 1, t, j + 1, memo);
    } else {
      result = j < t.length() && p.charAt(i) == t.charAt(j) && match(p, i + 1, t, j + 1, memo);
    }
    memo[i][j] = result;
    return result;
  }

  private static String qualified(ImageReference reference) {
    String repository =
        reference.registry().isEmpty() && !reference.repository().contains("/")
            ? "library/" + reference.repository()
            : reference.repository();
    return reference.registry().orElse("docker.io")
        + "/"
        + repository
        + reference.tag().map(tag -> ":" + tag).orElse("")
        + reference.digest().map(digest -> "@" + digest).orElse("");
  }

  /**
   * The rules as text, in the order they were added.
   *
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "ImagePolicy" + rules;
  }

  /**
   * What a rule does with the images it matches.
   *
   * @since 0.1.0
   */
  public enum Action {
    /** The image may run. */
    ALLOW,
    /** The image may not run; the step fails before anything runs. */
    DENY
  }

  /**
   * One rule of a policy.
   *
   * @param action what it does with matching images
   * @param pattern the glob pattern, non-blank, without whitespace
   * @param priority higher priorities are tried first
   * @param org the organization it applies to, or empty for every organization
   * @param index its position among the policy's rules, from 1 (for messages)
   * @since 0.1.0
   */
  public record Rule(Action action, String pattern, int priority, Optional<OrgId> org, int index) {
    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when the pattern is blank or has whitespace
     */
    public Rule {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(org, "org");
      if (pattern.isBlank() || pattern.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "image policy rule "
                + index
                + " pattern must be non-blank without whitespace (was \""
                + pattern
                + "\"); write a glob such as \"registry.example.com/**\"");
      }
    }

    /**
     * How the rule reads in messages.
     *
     * @return e.g. {@code rule 2 (deny "docker.io/**", priority 10, organization acme)}
     * @since 0.1.0
     */
    public String describe() {
      return "rule "
          + index
          + " ("
          + action.name().toLowerCase(java.util.Locale.ROOT)
          + " \""
          + pattern
          + "\", priority "
          + priority
          + org.map(o -> ", organization " + o).orElse(", every organization")
          + ")";
    }
  }

  /**
   * Collects rules. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();

    private Builder() {}

    /**
     * Allows matching images for every organization.
     *
     * @param pattern the glob pattern
     * @param priority higher is tried first
     * @return this builder
     */
    public Builder allow(String pattern, int priority) {
      return add(Action.ALLOW, pattern, priority, Optional.empty());
    }

    /**
     * Denies matching images for every organization.
     *
     * @param pattern the glob pattern
     * @param priority higher is tried first
     * @return this builder
     */
    public Builder deny(String pattern, int priority) {
      return add(Action.DENY, pattern, priority, Optional.empty());
    }

    /**
     * Allows matching images for one organization.
     *
     * @param org the organization
     * @param pattern the glob pattern
     * @param priority higher is tried first
     * @return this builder
     */
    public Builder allow(OrgId org, String pattern, int priority) {
      return add(Action.ALLOW, pattern, priority, Optional.of(org));
    }

    /**
     * Denies matching images for one organization.
     *
     * @param org the organization
     * @param pattern the glob pattern
     * @param priority higher is tried first
     * @return this builder
     */
    public Builder deny(OrgId org, String pattern, int priority) {
      return add(Action.DENY, pattern, priority, Optional.of(org));
    }

    private Builder add(Action action, String pattern, int priority, Optional<OrgId> org) {
      rules.add(new Rule(action, pattern, priority, org, rules.size() + 1));
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy with the rules added so far
     */
    public ImagePolicy build() {
      return new ImagePolicy(rules);
    }
  }
}
