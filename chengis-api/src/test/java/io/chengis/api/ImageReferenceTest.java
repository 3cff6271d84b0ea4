package io.chengis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
  private static final String SHA = "sha256:" + "0123456789abcdef".repeat(4);

  @Test
  void parse_nameAndTag_hasNoRegistry() {
    ImageReference image = ImageReference.parse("eclipse-temurin:21");

    assertThat(image.registry()).isEmpty();
    assertThat(image.repository()).isEqualTo("eclipse-temurin");
    assertThat(image.tag()).contains("21");
    assertThat(image.digest()).isEmpty();
    assertThat(image).hasToString("eclipse-temurin:21");
  }

  @Test
  void parse_fullReference_splitsEveryPart() {
    ImageReference image = ImageReference.parse("registry.example.com:5000/team/app:1.2@" + SHA);

    assertThat(image.registry()).contains("registry.example.com:5000");
    assertThat(image.repository()).isEqualTo("team/app");
    assertThat(image.tag()).contains("1.2");
    assertThat(image.digest()).contains(SHA);
    assertThat(image).isEqualTo(ImageReference.parse(image.toString()));
    assertThat(image).hasSameHashCodeAs(ImageReference.parse(image.toString()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "alpine                     | <none>                  | alpine",
        "library/ubuntu             | <none>                  | library/ubuntu",
        "localhost/app              | localhost               | app",
        "localhost:5000             | <none>                  | localhost",
        "localhost:5000/app         | localhost:5000          | app",
        "[::1]:5000/app             | [::1]:5000              | app",
        "10.0.0.1/app               | 10.0.0.1                | app",
        "Registry.Example.com/a/b   | Registry.Example.com    | a/b",
        "a__b/c--d/e.f_g            | <none>                  | a__b/c--d/e.f_g",
        "example.com                | <none>                  | example.com",
      })
  void parse_validName_findsRegistryAndRepository(
      String reference, String registry, String repository) {
    ImageReference image = ImageReference.parse(reference);

    assertThat(image.registry())
        .isEqualTo(registry.equals("<none>") ? Optional.empty() : Optional.of(registry));
    assertThat(image.repository()).isEqualTo(repository);
    assertThat(image).hasToString(reference);
    assertThat(ImageReference.problem(reference)).isEmpty();
  }

  @Test
  void parse_digestOnly_hasNoTag() {
    ImageReference image = ImageReference.parse("alpine@" + SHA);

    assertThat(image.tag()).isEmpty();
    assertThat(image.digest()).contains(SHA);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                 | is empty",
        "foo bar            | contains whitespace",
        "Foo:1              | repository name must be lower-case",
        "team/App           | repository name must be lower-case",
        "foo:               | tag is empty",
        "foo:-x             | tag is invalid",
        "foo@sha256:abc     | digest is invalid: use algorithm:hex, e.g. sha256: and 64 hex digits",
        "foo@               | digest is invalid: use algorithm:hex, e.g. sha256: and 64 hex digits",
        "a//b               | repository name has an empty path component",
        "foo/               | repository name has an empty path component",
        ":1                 | has no repository name",
        "my_host:5000/app   | registry host is invalid",
        "host:abc/app       | registry port is invalid",
        "a..b               | repository name component \"a..b\" is invalid: use lower-case letters"
            + " and digits separated by '.', '_', '__' or '-'",
        "-a                 | repository name component \"-a\" is invalid: use lower-case letters"
            + " and digits separated by '.', '_', '__' or '-'",
      })
  void problem_invalidReference_explainsWhatIsWrong(String reference, String problem) {
    assertThat(ImageReference.problem(reference)).contains(problem);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ImageReference.parse(reference))
        .withMessage("container image \"" + reference + "\" " + problem);
  }

  @Test
  void problem_upperCaseDigest_isInvalid() {
    assertThat(ImageReference.problem("foo@" + SHA.toUpperCase(Locale.ROOT).replace("SHA", "sha")))
        .contains("digest is invalid: sha256 takes 64 lower-case hex digits");
  }

  @Test
  void problem_longTag_isRefused() {
    assertThat(ImageReference.problem("foo:" + "a".repeat(129)))
        .contains("tag is longer than 128 characters");
    assertThat(ImageReference.problem("foo:" + "a".repeat(128))).isEmpty();
  }

  @Test
  void problem_longName_isRefused() {
    assertThat(ImageReference.problem("a".repeat(256)))
        .contains("name is longer than 255 characters");
    assertThat(ImageReference.problem("a".repeat(255))).isEmpty();
  }

  // --- properties --------------------------------------------------------------------------------

  @Property(tries = 500)
  void parse_generatedValidReference_roundTrips(@ForAll("references") String reference) {
    assertThat(ImageReference.problem(reference)).isEmpty();
    assertThat(ImageReference.parse(reference)).hasToString(reference);
  }

  @Property(tries = 300)
  void parse_upperCaseRepository_isRefused(
      @ForAll("registries") String registry, @ForAll("paths") String path) {
    int last = path.lastIndexOf('/') + 1;
    String shouted = path.substring(0, last) + path.substring(last).toUpperCase(Locale.ROOT);
    Assume.that(!shouted.equals(path));

    assertThat(ImageReference.problem(registry + shouted))
        .contains("repository name must be lower-case");
  }

  @Property(tries = 2000)
  void parse_arbitraryText_failsOnlyWithIllegalArgumentMatchingProblem(
      @ForAll("imageish") String text) {
    Optional<String> problem = ImageReference.problem(text);
    try {
      ImageReference parsed = ImageReference.parse(text);
      assertThat(problem).isEmpty();
      assertThat(ImageReference.parse(parsed.toString())).isEqualTo(parsed);
    } catch (IllegalArgumentException e) {
      assertThat(problem).isPresent();
      assertThat(e.getMessage()).endsWith(problem.orElseThrow());
    }
  }

  @Property(tries = 500)
  void problem_anyString_neverThrows(@ForAll String text) {
    assertThat(ImageReference.problem(text)).isNotNull();
  }

  @Provide
  Arbitrary<String> imageish() {
    return Arbitraries.strings().withChars("abAB09._-/:@[] \tsha256").ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> references() {
    Arbitrary<String> tag =
        Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').withChars("AZ09_").ofLength(1),
                Arbitraries.strings().withCharRange('a', 'z').withChars("AZ09_.-").ofMaxLength(20))
            .as((head, tail) -> ":" + head + tail);
    Arbitrary<String> digest =
        Arbitraries.strings()
            .withChars("0123456789abcdef")
            .ofLength(64)
            .map(hex -> "@sha256:" + hex);
    return Combinators.combine(
            registries(),
            paths(),
            Arbitraries.oneOf(Arbitraries.just(""), tag),
            Arbitraries.oneOf(Arbitraries.just(""), digest))
        .as((registry, path, t, d) -> registry + path + t + d);
  }

  @Provide
  Arbitrary<String> registries() {
    Arbitrary<String> label =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> port =
        Arbitraries.oneOf(
            Arbitraries.just(""), Arbitraries.integers().between(1, 65535).map(p -> ":" + p));
    Arbitrary<String> domain =
        Combinators.combine(label, label, port).as((name, top, p) -> name + "." + top + p + "/");
    return Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.just("localhost/"),
        Arbitraries.just("localhost:5000/"),
        domain);
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> alphanumeric =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .ofMinLength(1)
            .ofMaxLength(6);
    Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--");
    Arbitrary<String> component =
        Combinators.combine(alphanumeric, separator, alphanumeric, Arbitraries.of(true, false))
            .as((a, sep, b, joined) -> joined ? a + sep + b : a);
    return component.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
  }
}
