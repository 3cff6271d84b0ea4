package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

  @Test
  void mask_exactValue_isReplaced() {
    SecretMasker masker = new SecretMasker();
    masker.register("hunter2");

    assertThat(masker.mask("password is hunter2!")).isEqualTo("password is ***!");
  }

  @Test
  void mask_noSecrets_passesTextThrough() {
    SecretMasker masker = new SecretMasker();

    assertThat(masker.isEmpty()).isTrue();
    assertThat(masker.mask("plain output")).isEqualTo("plain output");
  }

  @Test
  void mask_commonEncodings_areReplaced() {
    String secret = "p@ss w/rd\"+=";
    SecretMasker masker = new SecretMasker();
    masker.register(secret);
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);

    assertThat(masker.mask(Base64.getEncoder().encodeToString(bytes))).isEqualTo("***");
    assertThat(masker.mask(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
        .isEqualTo("***");
    assertThat(masker.mask(URLEncoder.encode(secret, StandardCharsets.UTF_8))).isEqualTo("***");
    assertThat(masker.mask("{\"token\":\"p@ss w/rd\\\"+=\"}")).isEqualTo("{\"token\":\"***\"}");
  }

  @Test
  void mask_secretInsideLargerBase64Blob_isReplaced() {
    String secret = "correct-horse-battery";
    SecretMasker masker = new SecretMasker();
    masker.register(secret);
    for (String prefix : List.of("", "u:", "user:", "someone:")) {
      String header =
          Base64.getEncoder().encodeToString((prefix + secret).getBytes(StandardCharsets.UTF_8));

      assertThat(masker.mask("Authorization: Basic " + header)).as(prefix).contains("***");
    }
  }

  @Test
  void feed_secretSplitAcrossReads_isStillMasked() {
    SecretMasker masker = new SecretMasker();
    masker.register("abcdef");
    SecretMasker.Stream stream = masker.stream();

    String out = stream.feed("xx ab") + stream.feed("cd") + stream.feed("ef yy") + stream.flush();

    assertThat(out).isEqualTo("xx *** yy");
  }

  @Test
  void feed_partialSecretAtEnd_isHeldBackUntilFlush() {
    SecretMasker masker = new SecretMasker();
    masker.register("abcdef");
    SecretMasker.Stream stream = masker.stream();

    assertThat(stream.feed("hello abc")).isEqualTo("hello ");
    assertThat(stream.flush()).isEqualTo("abc");
  }

  @Test
  void register_whileStreaming_masksLaterOutput() {
    SecretMasker masker = new SecretMasker();
    SecretMasker.Stream stream = masker.stream();

    String before = stream.feed("token=t0k3n-1 ");
    masker.register("t0k3n-2");
    String after = stream.feed("token=t0k3n-2") + stream.flush();

    assertThat(before).isEqualTo("token=t0k3n-1 ");
    assertThat(after).isEqualTo("token=***");
  }

  @Test
  void mask_overlappingSecrets_takesLeftmostLongest() {
    SecretMasker masker = new SecretMasker();
    masker.register("abc");
    masker.register("abcdef");
    masker.register("cde");

    assertThat(masker.mask("abcdefg abcx")).isEqualTo("***g ***x");
  }

  @Test
  void mask_multiLineSecret_isReplacedAcrossLines() {
    String key = "-----BEGIN KEY-----\nMIIEabc\n-----END KEY-----";
    SecretMasker masker = new SecretMasker();
    masker.register(key);

    assertThat(masker.mask("key:\n" + key + "\ndone")).isEqualTo("key:\n***\ndone");
  }

  @Property(tries = 300)
  void mask_anyChunking_leavesNoSecretAndMatchesWholeTextMasking(
      @ForAll("secrets") List<String> secrets,
      @ForAll("texts") String noise,
      @ForAll @IntRange(min = 1, max = 17) int chunkSize) {
    SecretMasker masker = new SecretMasker();
    secrets.forEach(masker::register);
    StringBuilder text = withSecrets(noise, secrets);

    SecretMasker.Stream stream = masker.stream();
    StringBuilder streamed = new StringBuilder();
    for (int i = 0; i < text.length(); i += chunkSize) {
      streamed.append(stream.feed(text.substring(i, Math.min(text.length(), i + chunkSize))));
    }
    streamed.append(stream.flush());

    assertThat(streamed.toString()).isEqualTo(masker.mask(text.toString()));
    for (String secret : secrets) {
      assertThat(streamed.toString()).doesNotContain(secret);
    }
  }

  /** The noise with the secrets inserted at scattered places (never inside a surrogate pair). */
  private static StringBuilder withSecrets(String noise, List<String> secrets) {
    StringBuilder text = new StringBuilder(noise);
    for (int i = 0; i < secrets.size(); i++) {
      int at = (i * 7919) % (text.length() + 1);
      if (at > 0 && Character.isHighSurrogate(text.charAt(at - 1))) {
        at--;
      }
      text.insert(at, secrets.get(i));
    }
    return text;
  }

  /** Leftmost-longest replacement written out plainly: every variant tried at every position. */
  private static String reference(String text, List<String> secrets) {
    List<String> variants = new ArrayList<>();
    secrets.forEach(secret -> variants.addAll(SecretVariants.of(secret)));
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int longest = 0;
      for (String variant : variants) {
        if (text.startsWith(variant, i)) {
          longest = Math.max(longest, variant.length());
        }
      }
      if (longest > 0) {
        out.append(SecretMasker.MASK);
        i += longest;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /**
   * The masker skips ahead over text where no variant can start (Wu-Manber); text made of pieces of
   * the secrets and their encodings puts near-misses, overlaps and chunk boundaries everywhere the
   * skipping could go wrong.
   */
  @Property(tries = 500)
  void feed_anyChunkingOfNearMisses_masksExactlyLikeTryingEveryPosition(
      @ForAll("secrets") List<String> secrets,
      @ForAll("pieces") List<Integer> pieces,
      @ForAll @IntRange(min = 1, max = 70) int chunkSize) {
    SecretMasker masker = new SecretMasker();
    secrets.forEach(masker::register);
    StringBuilder text = nearMisses(secrets, pieces);

    SecretMasker.Stream stream = masker.stream();
    StringBuilder streamed = new StringBuilder();
    for (int i = 0; i < text.length(); i += chunkSize) {
      streamed.append(stream.feed(text.substring(i, Math.min(text.length(), i + chunkSize))));
    }
    streamed.append(stream.flush());

    assertThat(streamed.toString()).isEqualTo(reference(text.toString(), secrets));
  }

  /**
   * Reads longer than the longest variant settle the held-back bytes against the start of the read
   * and go on in the read itself; reads of one byte always go through the held-back buffer. Both
   * give exactly the same output, in any mix of read sizes.
   */
  @Property(tries = 500)
  void bytes_readsOfAnySizes_maskExactlyLikeOneByteAtATime(
      @ForAll("secrets") List<String> secrets,
      @ForAll("pieces") List<Integer> pieces,
      @ForAll("readSizes") List<Integer> readSizes) {
    SecretMasker masker = new SecretMasker();
    secrets.forEach(masker::register);
    StringBuilder text = nearMisses(secrets, pieces);
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

    java.io.ByteArrayOutputStream oneByOne = new java.io.ByteArrayOutputStream();
    SecretMasker.ByteStream reference = masker.bytes();
    for (int i = 0; i < bytes.length; i++) {
      reference.feed(bytes, i, 1, oneByOne::write);
    }
    reference.flush(oneByOne::write);
    java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
    SecretMasker.ByteStream stream = masker.bytes();
    int at = 0;
    for (int k = 0; at < bytes.length; k++) {
      int size = Math.min(readSizes.get(k % readSizes.size()), bytes.length - at);
      stream.feed(bytes, at, size, read::write);
      at += size;
    }
    stream.flush(read::write);

    assertThat(read.toString(StandardCharsets.UTF_8))
        .isEqualTo(oneByOne.toString(StandardCharsets.UTF_8))
        .isEqualTo(reference(text.toString(), secrets));
  }

  /** Pieces of the secrets' variants (whole ones among them), some separated by a space. */
  private static StringBuilder nearMisses(List<String> secrets, List<Integer> pieces) {
    List<String> variants = new ArrayList<>();
    secrets.forEach(secret -> variants.addAll(SecretVariants.of(secret)));
    StringBuilder text = new StringBuilder();
    for (int piece : pieces) {
      String variant = variants.get(Math.floorMod(piece, variants.size()));
      int from = Math.floorMod(piece >> 8, variant.length());
      int to = from + Math.floorMod(piece >> 16, variant.length() - from + 1);
      text.append(variant, from, to).append(piece % 5 == 0 ? " " : "");
    }
    return text;
  }

  @Provide
  Arbitrary<List<Integer>> readSizes() {
    return Arbitraries.integers().between(1, 300).list().ofMinSize(1).ofMaxSize(10);
  }

  @Provide
  Arbitrary<List<Integer>> pieces() {
    return Arbitraries.integers().list().ofMinSize(1).ofMaxSize(40);
  }

  @Test
  void feed_longOutputWithRareSecrets_masksEveryOccurrence() {
    SecretMasker masker = new SecretMasker();
    masker.register("hunter2-bench-token-9f3c");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append(i)
          .append(" a line of ordinary build output, compiling module ")
          .append(i % 97 == 0 ? "token=hunter2-bench-token-9f3c" : "hunter2-bench-token")
          .append('\n');
    }
    SecretMasker.Stream stream = masker.stream();
    StringBuilder streamed = new StringBuilder();
    for (int i = 0; i < text.length(); i += 4096) {
      streamed.append(stream.feed(text.substring(i, Math.min(text.length(), i + 4096))));
    }
    streamed.append(stream.flush());

    assertThat(streamed.toString())
        .isEqualTo(reference(text.toString(), List.of("hunter2-bench-token-9f3c")))
        .doesNotContain("hunter2-bench-token-9f3c");
    assertThat(streamed.toString().split("\\*\\*\\*", -1)).hasSize(5000 / 97 + 2);
  }

  @Property(tries = 200)
  void mask_base64OfSecret_neverSurvives(@ForAll("secret") String secret) {
    SecretMasker masker = new SecretMasker();
    masker.register(secret);
    String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));

    assertThat(masker.mask("value: " + encoded + " end")).doesNotContain(encoded);
  }

  @Provide
  Arbitrary<String> secret() {
    return Arbitraries.strings()
        .withChars("abcdefXYZ0123456789-_=+/:@ \"\\\n")
        .ofMinLength(1)
        .ofMaxLength(24);
  }

  @Provide
  Arbitrary<List<String>> secrets() {
    return secret().list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> texts() {
    return Combinators.combine(
            Arbitraries.strings().withChars("abcdef xyz\n0123-_").ofMaxLength(80),
            Arbitraries.integers().between(0, 3))
        .as((text, repeat) -> text.repeat(repeat + 1));
  }

  @Test
  void variants_includeEachEncodingOnce() {
    List<String> variants = new ArrayList<>(SecretVariants.of("a b/c"));

    assertThat(variants).startsWith("a b/c").doesNotHaveDuplicates();
    assertThat(variants).contains("a+b%2Fc", "a%20b%2Fc", "a%20b%2fc", "YSBiL2M=", "YSBiL2M");
  }

  /** Feeds UTF-8 bytes in chunks of the given size and returns the masked output, decoded. */
  private static String streamBytes(SecretMasker masker, byte[] bytes, int chunkSize) {
    SecretMasker.ByteStream stream = masker.bytes();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < bytes.length; i += chunkSize) {
      stream.feed(bytes, i, Math.min(chunkSize, bytes.length - i), out::write);
    }
    stream.flush(out::write);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * On raw bytes, any chunking (also through the middle of multi-byte characters) masks exactly
   * like masking the decoded text whole, and no secret survives.
   */
  @Property(tries = 300)
  void bytes_anyChunkingOfUtf8_masksLikeTheWholeText(
      @ForAll("unicodeSecrets") List<String> secrets,
      @ForAll("unicodeTexts") String noise,
      @ForAll @IntRange(min = 1, max = 23) int chunkSize) {
    SecretMasker masker = new SecretMasker();
    secrets.forEach(masker::register);
    StringBuilder text = withSecrets(noise, secrets);

    String streamed =
        streamBytes(masker, text.toString().getBytes(StandardCharsets.UTF_8), chunkSize);

    assertThat(streamed).isEqualTo(reference(text.toString(), secrets));
    for (String secret : secrets) {
      assertThat(streamed).doesNotContain(secret);
    }
  }

  /** A secret registered while output flows is masked in everything fed after it. */
  @Property(tries = 200)
  void bytes_secretRegisteredMidStream_isMaskedInLaterOutput(
      @ForAll("unicodeSecrets") List<String> secrets,
      @ForAll("unicodeTexts") String before,
      @ForAll @IntRange(min = 1, max = 40) int chunkSize) {
    SecretMasker masker = new SecretMasker();
    SecretMasker.ByteStream stream = masker.bytes();
    java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
    byte[] first = before.getBytes(StandardCharsets.UTF_8);
    stream.feed(first, 0, first.length, head::write);
    secrets.forEach(masker::register);
    java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();
    byte[] later = (" " + String.join(" and ", secrets) + " end").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < later.length; i += chunkSize) {
      stream.feed(later, i, Math.min(chunkSize, later.length - i), tail::write);
    }
    stream.flush(tail::write);

    assertThat(head.toString(StandardCharsets.UTF_8)).isEqualTo(before);
    for (String secret : secrets) {
      assertThat(tail.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
    }
  }

  @Test
  void stream_surrogatePairSplitAcrossFeeds_staysOneCharacter() {
    SecretMasker masker = new SecretMasker();
    masker.register("k\u00e9y");
    SecretMasker.Stream stream = masker.stream();
    String emoji = "\uD83D\uDE00";

    String out =
        stream.feed("a" + emoji.charAt(0))
            + stream.feed(emoji.charAt(1) + "k\u00e9y")
            + stream.flush();

    assertThat(out).isEqualTo("a" + emoji + "***");
  }

  /** Characters of one to four UTF-8 bytes, a surrogate pair among them. */
  private static Arbitrary<String> unicodeCharacters(String... more) {
    List<String> characters =
        new ArrayList<>(List.of("a", "b", "\u00e9", "\u20ac", "\u4e2d", "\uD83D\uDE00", " "));
    characters.addAll(List.of(more));
    return Arbitraries.of(characters);
  }

  @Provide
  Arbitrary<String> unicodeSecret() {
    return unicodeCharacters("=", "+", "/", "\"", "\n")
        .list()
        .ofMinSize(1)
        .ofMaxSize(12)
        .map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<List<String>> unicodeSecrets() {
    return unicodeSecret().list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<String> unicodeTexts() {
    return unicodeCharacters("x", "y", "\n")
        .list()
        .ofMaxSize(120)
        .map(parts -> String.join("", parts));
  }
}
