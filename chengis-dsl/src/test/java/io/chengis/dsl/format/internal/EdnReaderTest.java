package io.chengis.dsl.format.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EdnReaderTest {
  static Edn read(String text) {
    return EdnReader.read("f.edn", "p", text);
  }

  static Problem problem(String text) {
    try {
      read(text);
    } catch (PipelineDefinitionException e) {
      assertThat(e.problems()).hasSize(1);
      return e.problems().getFirst();
    }
    throw new AssertionError("no problem for " + text);
  }

  /** A value without positions, for comparing what was read with what was meant. */
  static Object plain(Edn value) {
    return switch (value) {
      case Edn.Nil nil -> "nil";
      case Edn.Bool bool -> bool.value();
      case Edn.Str str -> "s:" + str.value();
      case Edn.Char ch -> "c:" + ch.codePoint();
      case Edn.Int integer -> integer.value();
      case Edn.Float number -> number.value();
      case Edn.Keyword keyword -> ":" + keyword.name();
      case Edn.Symbol symbol -> "sym:" + symbol.name();
      case Edn.EList list ->
          List.of("list", list.items().stream().map(EdnReaderTest::plain).toList());
      case Edn.Vector vector -> vector.items().stream().map(EdnReaderTest::plain).toList();
      case Edn.ESet set -> List.of("set", set.items().stream().map(EdnReaderTest::plain).toList());
      case Edn.EMap map -> {
        Map<Object, Object> entries = new LinkedHashMap<>();
        map.entries().forEach(e -> entries.put(plain(e.key()), plain(e.value())));
        yield entries;
      }
    };
  }

  @Test
  void scalars_read_giveTheirValues() {
    assertThat(plain(read("nil"))).isEqualTo("nil");
    assertThat(plain(read("true"))).isEqualTo(true);
    assertThat(plain(read("\"a\\tb\\\"c\\u00e9\""))).isEqualTo("s:a\tb\"cé");
    assertThat(plain(read("\\newline"))).isEqualTo("c:10");
    assertThat(plain(read("\\x"))).isEqualTo("c:120");
    assertThat(plain(read("-42"))).isEqualTo(BigInteger.valueOf(-42));
    assertThat(plain(read("+7N"))).isEqualTo(BigInteger.valueOf(7));
    assertThat(plain(read("1.5e3"))).isEqualTo(new BigDecimal("1.5e3"));
    assertThat(plain(read("0.10M"))).isEqualTo(new BigDecimal("0.10"));
    assertThat(plain(read(":on-success"))).isEqualTo(":on-success");
    assertThat(plain(read(":my.ns/key"))).isEqualTo(":my.ns/key");
    assertThat(plain(read("foo/bar"))).isEqualTo("sym:foo/bar");
  }

  @Test
  void collections_read_keepOrderAndSkipCommentsCommasAndDiscards() {
    Edn value =
        read(
            """
            ; a comment
            {:b [1, 2 #_ 3] :a (x) #_ :ignored #_ 1 :c #{:k}}
            """);

    assertThat(plain(value))
        .isEqualTo(
            Map.of(
                ":b", List.of(BigInteger.ONE, BigInteger.TWO),
                ":a", List.of("list", List.of("sym:x")),
                ":c", List.of("set", List.of(":k"))));
    assertThat(((Edn.EMap) value).entries())
        .extracting(e -> ((Edn.Keyword) e.key()).name())
        .containsExactly("b", "a", "c");
    assertThat(value.line()).isEqualTo(2);
    assertThat(value.column()).isEqualTo(1);
  }

  @Test
  void errors_read_areLocatedAndSayWhatToDo() {
    assertThat(problem("{:a 1 :a 2}").message())
        .isEqualTo(
            "f.edn:1:7: EDN map has the key :a twice (first at f.edn:1:2); keep one of them");
    assertThat(problem("{:a}").message())
        .isEqualTo(
            "f.edn:1:2: EDN map has a key without a value (was :a); give every key a value, or"
                + " remove the key");
    assertThat(problem("[1 2)").message())
        .isEqualTo(
            "f.edn:1:5: EDN closes a vector (opened at f.edn:1:1) with ')'; close it with ']'");
    assertThat(problem("\n  \"abc").message())
        .isEqualTo("f.edn:2:3: EDN string is never closed; add the closing \"");
    assertThat(problem("#{1 1}").message())
        .isEqualTo(
            "f.edn:1:5: EDN set has the element 1 twice (first at f.edn:1:3); keep one of them");
    assertThat(problem("{} {}").message())
        .isEqualTo(
            "f.edn:1:4: EDN has more than one top-level value (was \"{}\"); keep one map per file;"
                + " remove what follows the closing } of the pipeline map");
    assertThat(problem("   ").message())
        .isEqualTo("f.edn:1:4: file is empty; write the pipeline as an EDN map {...}");
    assertThat(problem("012").message())
        .isEqualTo(
            "f.edn:1:1: EDN number is invalid (was 012); write a decimal number such as 42, -7 or"
                + " 1.5 (no leading zeros, hex or ratios)");
    assertThat(problem("\"\\q\"").message())
        .startsWith("f.edn:1:2: EDN string has the unknown escape \\q;");
    assertThat(problem("::a").message()).startsWith("f.edn:1:1: EDN keyword is invalid (was ::a)");
    assertThat(problem("[#_]").message())
        .startsWith("f.edn:1:2: EDN has #_ with nothing to discard");
    assertThat(problem("}").message()).startsWith("f.edn:1:1: EDN has an unmatched '}'");
    assertThat(problem("{\\newline 1 \\newline 2}").message())
        .startsWith("f.edn:1:13: EDN map has the key the character \\u000a twice");
  }

  @Test
  void deepNesting_read_isALocatedErrorNotAStackOverflow() {
    String text = "[".repeat(5000) + "]".repeat(5000);

    assertThatThrownBy(() -> read(text))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("f.edn:1:101: EDN nests collections deeper than 100 levels");
  }

  @Property(tries = 300)
  void printedValue_read_givesTheSameValue(@ForAll("values") Edn value) {
    assertThat(plain(read(print(value)))).isEqualTo(plain(value));
  }

  @Property(tries = 1000)
  void anyText_read_returnsAValueOrOneLocatedProblem(@ForAll("ednText") String text) {
    try {
      read(text);
    } catch (PipelineDefinitionException e) {
      assertThat(e.problems()).hasSize(1);
      Problem problem = e.problems().getFirst();
      long lines = text.lines().count() + 1;
      assertThat(problem.where().file()).isEqualTo("f.edn");
      assertThat(problem.where().line()).isBetween(1, (int) lines);
      assertThat(problem.where().column()).isPositive();
    }
  }

  @Provide
  Arbitrary<String> ednText() {
    return Arbitraries.strings()
        .withChars(" \n\t,;()[]{}#_:\"\\/-+.0123456789eENMabcnilxtru\u00e9".toCharArray())
        .ofMaxLength(60);
  }

  @Provide
  Arbitrary<Edn> values() {
    return value(3);
  }

  private static Arbitrary<Edn> value(int depth) {
    Arbitrary<Edn> scalar =
        Arbitraries.oneOf(
            Arbitraries.just(new Edn.Nil(1, 1)),
            Arbitraries.of(true, false).map(b -> new Edn.Bool(b, 1, 1)),
            Arbitraries.strings().ofMaxLength(12).map(s -> new Edn.Str(s, 1, 1)),
            Arbitraries.bigIntegers()
                .between(
                    BigInteger.valueOf(-1_000_000_000_000L), BigInteger.valueOf(1_000_000_000_000L))
                .map(i -> new Edn.Int(i, 1, 1)),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(8)
                .map(s -> new Edn.Keyword(s, 1, 1)),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(s -> !List.of("nil", "true", "false").contains(s))
                .map(s -> new Edn.Symbol(s, 1, 1)));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Edn> inner = value(depth - 1);
    return Arbitraries.oneOf(
        scalar,
        inner.list().ofMaxSize(4).map(items -> new Edn.Vector(items, 1, 1)),
        inner.list().ofMaxSize(4).map(items -> new Edn.EList(items, 1, 1)),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(1)
            .ofMaxLength(5)
            .list()
            .uniqueElements()
            .ofMaxSize(4)
            .flatMap(
                keys ->
                    inner
                        .list()
                        .ofSize(keys.size())
                        .map(
                            values -> {
                              List<Edn.Entry> entries = new ArrayList<>();
                              for (int i = 0; i < keys.size(); i++) {
                                entries.add(
                                    new Edn.Entry(
                                        new Edn.Keyword(keys.get(i), 1, 1), values.get(i)));
                              }
                              return (Edn) new Edn.EMap(entries, 1, 1);
                            })));
  }

  static String print(Edn value) {
    return switch (value) {
      case Edn.Nil nil -> "nil";
      case Edn.Bool bool -> Boolean.toString(bool.value());
      case Edn.Str str ->
          str.value()
              .codePoints()
              .mapToObj(
                  cp ->
                      switch (cp) {
                        case '"' -> "\\\"";
                        case '\\' -> "\\\\";
                        case '\n' -> "\\n";
                        default ->
                            cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF)
                                ? String.format("\\u%04x", cp)
                                : Character.toString(cp);
                      })
              .collect(Collectors.joining("", "\"", "\""));
      case Edn.Char ch -> "\\" + Character.toString(ch.codePoint());
      case Edn.Int integer -> integer.value().toString();
      case Edn.Float number -> number.value().toString();
      case Edn.Keyword keyword -> ":" + keyword.name();
      case Edn.Symbol symbol -> symbol.name();
      case Edn.EList list ->
          list.items().stream()
              .map(EdnReaderTest::print)
              .collect(Collectors.joining(" ", "(", ")"));
      case Edn.Vector vector ->
          vector.items().stream()
              .map(EdnReaderTest::print)
              .collect(Collectors.joining(", ", "[", "]"));
      case Edn.ESet set ->
          set.items().stream()
              .map(EdnReaderTest::print)
              .collect(Collectors.joining(" ", "#{", "}"));
      case Edn.EMap map ->
          map.entries().stream()
              .map(e -> print(e.key()) + " " + print(e.value()))
              .collect(Collectors.joining("\n ; comment\n", "{", "}"));
    };
  }
}
