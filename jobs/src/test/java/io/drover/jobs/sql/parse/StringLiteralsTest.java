package io.drover.jobs.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hive's string literal escapes (its unescapeSQLString's table), one case each. */
class StringLiteralsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("plain", "plain"),
        Arguments.of("a\\tb", "a\tb"),
        Arguments.of("\\n\\r\\b", "\n\r\b"),
        Arguments.of("\\0", "\u0000"),
        Arguments.of("\\Z", "\u001A"),
        Arguments.of("it\\'s", "it's"),
        Arguments.of("it''s", "it's"),
        Arguments.of("''''", "''"),
        Arguments.of("a\\\\''b", "a\\'b"),
        Arguments.of("say \\\"hi\\\"", "say \"hi\""),
        Arguments.of("back\\\\slash", "back\\slash"),
        Arguments.of("\\\\d+", "\\d+"),
        Arguments.of("100\\%", "100\\%"),
        Arguments.of("a\\_b", "a\\_b"),
        Arguments.of("\\101\\102", "AB"),
        Arguments.of("\\200", "200"),
        Arguments.of("\\12", "12"),
        Arguments.of("\\u00e9t\\u00E9", "\u00e9t\u00e9"),
        Arguments.of("\\u00g1", "u00g1"),
        Arguments.of("\\q", "q"),
        Arguments.of("end\\", "end\\"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void unescapesAsHive(String literal, String expected) {
    assertEquals(expected, StringLiterals.unescape(literal));
  }
}
