package io.drover.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordsTokenizerTest {
  /**
   * An independent oracle: the documented rule as a java.util.regex over decoded text. Letters are
   * \p{L}, digits \p{Nd} (Character.isLetterOrDigit), marks \p{M} continue a word.
   */
  static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{Nd}\\p{M}]*(?:['\u2019][\\p{L}\\p{Nd}][\\p{L}\\p{Nd}\\p{M}]*)*");

  static List<String> oracle(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(s);
    while (m.find()) {
      StringBuilder sb = new StringBuilder();
      m.group().codePoints()
          .map(cp -> cp == 0x2019 ? '\'' : Character.toLowerCase(Character.toUpperCase(cp)))
          .forEach(sb::appendCodePoint);
      out.add(sb.toString());
    }
    return out;
  }

  static List<String> tokens(String s) {
    return WhitespaceTokenizerTest.tokens(new WordsTokenizer(), s.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Hello, World!|hello world",
        "don't stop|don't stop",
        "don’t|don't",
        "'quoted' words'|quoted words",
        "rock'n'roll o'clock|rock'n'roll o'clock",
        "it''s|it s",
        "naïve café CAFÉ|naïve café café",
        "e\u0301cole|e\u0301cole",
        "ΣΊΣΥΦΟΣ σίσυφος|σίσυφοσ σίσυφοσ",
        "Straße STRASSE|straße strasse",
        "R2D2 4ever 3.14|r2d2 4ever 3 14",
        "日本語のテキスト|日本語のテキスト",
        "emoji😀between|emoji between",
        "under_score hy-phen|under score hy phen",
      })
  void examples(String in, String expected) {
    assertEquals(List.of(expected.split(" ")), tokens(in));
    assertEquals(oracle(in), tokens(in));
  }

  @Test
  void lineEndsAndTabsSeparate() {
    assertEquals(List.of("tab", "cr", "crlf", "end"), tokens("tab\tcr\rcrlf\r\nend\r\n"));
  }

  @Test
  void emptyAndPunctuationOnly() {
    assertEquals(List.of(), tokens(""));
    assertEquals(List.of(), tokens(" ,.;:!?'’-— \r\n"));
  }

  @Test
  void agreesWithTheRegexOracleOnRandomText() {
    Random r = new Random(1);
    int[] alphabet = {'a', 'B', '7', '\'', 0x2019, ' ', ',', '-', 0xE9, 0xC9, 0x0301, 0x3B1, 0x3A3, 0x4E2D, 0x1F600, 0x0660, 0x00B2, 0x2160, '_'};
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(40);
      for (int j = 0; j < n; j++) {
        sb.appendCodePoint(alphabet[r.nextInt(alphabet.length)]);
      }
      String s = sb.toString();
      assertEquals(oracle(s), tokens(s), s);
    }
  }
}
