package io.chengis.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed container image reference, {@code [registry/]repository[:tag][@digest]}, following the
 * Docker distribution reference grammar.
 *
 * <p>The first path component is the registry when the reference has more than one component and
 * the first contains {@code .} or {@code :} or is {@code localhost}, as in {@code
 * registry.example.com:5000/team/app}. Repository path components are lower-case letters and digits
 * separated by {@code .}, {@code _}, {@code __} or one or more {@code -}; the registry and
 * repository together are at most 255 characters. A tag is up to 128 letters, digits, {@code _},
 * {@code .} and {@code -}, not starting with {@code .} or {@code -}; a digest is {@code
 * algorithm:hex}, e.g. {@code sha256:} and 64 lower-case hex digits.
 *
 * <p>No defaults are filled in: {@code eclipse-temurin:21} has no registry, and the container
 * runtime decides which registry and tag an incomplete reference means.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ImageReference {
  private static final int NAME_MAX_LENGTH = 255;
  private static final int TAG_MAX_LENGTH = 128;
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
              + "|\\[[0-9A-Fa-f:.]+]");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Map<String, Integer> DIGEST_LENGTHS =
      Map.of("sha256", 64, "sha384", 96, "sha512", 128);
  private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]+");

  private final Optional<String> registry;
  private final String repository;
  private final Optional<String> tag;
  private final Optional<String> digest;

  private ImageReference(
      Optional<String> registry, String repository, Optional<String> tag, Optional<String> digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses an image reference.
   *
   * @param reference the reference, e.g. {@code eclipse-temurin:21} or {@code
   *     registry.example.com/team/app:1.2@sha256:...}
   * @return the parsed reference
   * @throws IllegalArgumentException if the reference is invalid, with a message such as {@code
   *     container image "Foo:1" repository name must be lower-case}
   * @since 0.1.0
   */
  public static ImageReference parse(String reference) {
    Objects.requireNonNull(reference, "reference");
    Parsed parsed = read(reference);
    if (parsed.problem().isPresent()) {
      throw new IllegalArgumentException(
          "container image \"" + reference + "\" " + parsed.problem().get());
    }
    return parsed.reference().orElseThrow();
  }

  /**
   * Checks an image reference without throwing.
   *
   * @param reference the reference
   * @return what is wrong with it, phrased to follow the subject (e.g. {@code repository name must
   *     be lower-case}), or empty when it is valid
   * @since 0.1.0
   */
  public static Optional<String> problem(String reference) {
    Objects.requireNonNull(reference, "reference");
    return read(reference).problem();
  }

  private static Parsed read(String text) {
    if (text.isEmpty()) {
      return Parsed.invalid("is empty");
    }
    if (text.chars().anyMatch(Character::isWhitespace)) {
      return Parsed.invalid("contains whitespace");
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      return Parsed.invalid("contains a control character");
    }
    int at = text.indexOf('@');
    Optional<String> digest = at < 0 ? Optional.empty() : Optional.of(text.substring(at + 1));
    String nameAndTag = at < 0 ? text : text.substring(0, at);
    Optional<String> digestProblem = digest.flatMap(ImageReference::digestProblem);
    if (digestProblem.isPresent()) {
      return Parsed.invalid(digestProblem.get());
    }
    int colon = nameAndTag.lastIndexOf(':');
    boolean tagged = colon > nameAndTag.lastIndexOf('/');
    Optional<String> tag = tagged ? Optional.of(nameAndTag.substring(colon + 1)) : Optional.empty();
    String name = tagged ? nameAndTag.substring(0, colon) : nameAndTag;
    Optional<String> tagProblem = tag.flatMap(ImageReference::tagProblem);
    if (tagProblem.isPresent()) {
      return Parsed.invalid(tagProblem.get());
    }
    if (name.isEmpty()) {
      return Parsed.invalid("has no repository name");
    }
    if (name.length() > NAME_MAX_LENGTH) {
      return Parsed.invalid("name is longer than " + NAME_MAX_LENGTH + " characters");
    }
    int slash = name.indexOf('/');
    String first = slash < 0 ? name : name.substring(0, slash);
    boolean hasRegistry =
        slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    Optional<String> registry = hasRegistry ? Optional.of(first) : Optional.empty();
    String repository = hasRegistry ? name.substring(slash + 1) : name;
    Optional<String> problem =
        registry.flatMap(ImageReference::registryProblem).or(() -> repositoryProblem(repository));
    return problem.isPresent()
        ? Parsed.invalid(problem.get())
        : new Parsed(
            Optional.of(new ImageReference(registry, repository, tag, digest)), Optional.empty());
  }

  private static Optional<String> registryProblem(String registry) {
    int colon = registry.lastIndexOf(':');
    boolean hasPort = colon > registry.lastIndexOf(']');
    String host = hasPort ? registry.substring(0, colon) : registry;
    if (!HOST.matcher(host).matches()) {
      return Optional.of("registry host is invalid");
    }
    if (hasPort && !PORT.matcher(registry.substring(colon + 1)).matches()) {
      return Optional.of("registry port is invalid");
    }
    return Optional.empty();
  }

  private static Optional<String> repositoryProblem(String repository) {
    for (String component : repository.split("/", -1)) {
      if (component.isEmpty()) {
        return Optional.of("repository name has an empty path component");
      }
      if (!PATH_COMPONENT.matcher(component).matches()) {
        return Optional.of(
            PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches()
                ? "repository name must be lower-case"
                : "repository name component \""
                    + component
                    + "\" is invalid: use lower-case letters and digits separated by"
                    + " '.', '_', '__' or '-'");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> tagProblem(String tag) {
    if (tag.isEmpty()) {
      return Optional.of("tag is empty");
    }
    if (tag.length() > TAG_MAX_LENGTH) {
      return Optional.of("tag is longer than " + TAG_MAX_LENGTH + " characters");
    }
    return TAG.matcher(tag).matches() ? Optional.empty() : Optional.of("tag is invalid");
  }

  private static Optional<String> digestProblem(String digest) {
    if (!DIGEST.matcher(digest).matches()) {
      return Optional.of("digest is invalid: use algorithm:hex, e.g. sha256: and 64 hex digits");
    }
    int colon = digest.indexOf(':');
    String algorithm = digest.substring(0, colon);
    String hex = digest.substring(colon + 1);
    Integer length = DIGEST_LENGTHS.get(algorithm);
    if (length != null && (hex.length() != length || !LOWER_HEX.matcher(hex).matches())) {
      return Optional.of(
          "digest is invalid: " + algorithm + " takes " + length + " lower-case hex digits");
    }
    return Optional.empty();
  }

  /**
   * The registry host, with its port if given.
   *
   * @return e.g. {@code registry.example.com:5000}; empty when the reference names none
   * @since 0.1.0
   */
  public Optional<String> registry() {
    return registry;
  }

  /**
   * The repository path without the registry.
   *
   * @return e.g. {@code team/app} or {@code eclipse-temurin}
   * @since 0.1.0
   */
  public String repository() {
    return repository;
  }

  /**
   * The tag.
   *
   * @return e.g. {@code 21}; empty when the reference has none
   * @since 0.1.0
   */
  public Optional<String> tag() {
    return tag;
  }

  /**
   * The content digest.
   *
   * @return e.g. {@code sha256:} followed by 64 hex digits; empty when the reference has none
   * @since 0.1.0
   */
  public Optional<String> digest() {
    return digest;
  }

  /**
   * Two references are equal when registry, repository, tag and digest are.
   *
   * @param other the object to compare with
   * @return whether {@code other} is the same reference
   * @since 0.1.0
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof ImageReference that
        && registry.equals(that.registry)
        && repository.equals(that.repository)
        && tag.equals(that.tag)
        && digest.equals(that.digest);
  }

  /**
   * A hash consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   * @since 0.1.0
   */
  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }

  /**
   * The reference in normal form, {@code [registry/]repository[:tag][@digest]}.
   *
   * @return the text, which {@link #parse(String)} reads back to an equal reference
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return registry.map(host -> host + "/").orElse("")
        + repository
        + tag.map(t -> ":" + t).orElse("")
        + digest.map(d -> "@" + d).orElse("");
  }

  private record Parsed(Optional<ImageReference> reference, Optional<String> problem) {
    static Parsed invalid(String problem) {
      return new Parsed(Optional.empty(), Optional.of(problem));
    }
  }
}
