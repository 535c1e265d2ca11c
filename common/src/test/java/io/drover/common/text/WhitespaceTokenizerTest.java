package io.drover.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringTokenizer;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The oracle is java.util.StringTokenizer over the decoded line, as in Hadoop's WordCount. */
class WhitespaceTokenizerTest {

  static List<String> tokens(Tokenizer t, byte[] b) {
    List<String> out = new ArrayList<>();
    t.forEachToken(b, 0, b.length, (buf, off, len) -> out.add(new String(buf, off, len, StandardCharsets.UTF_8)));
    return out;
  }

  static List<String> oracle(String s) {
    List<String> out = new ArrayList<>();
    StringTokenizer st = new StringTokenizer(s);
    while (st.hasMoreTokens()) {
      out.add(st.nextToken());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "word",
        "  two   words  ",
        "tab\tseparated\tvalues",
        "crlf line\r\n",
        "bare\rcr\rinside",
        "form\ffeed",
        "vertical\u000Btab is not a delimiter",
        "no-break\u00A0space stays inside",
        "Unicode: naïve café — “quotes” 日本語 テキスト 😀 emoji",
        "punctuation, stays; attached!",
        "\t\n\r\f mixed \f\r\n\t"
      })
  void matchesStringTokenizer(String line) {
    assertEquals(oracle(line), tokens(new WhitespaceTokenizer(false), line.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void matchesStringTokenizerOnRandomUnicode() {
    Random r = new Random(42);
    int[] alphabet = {' ', '\t', '\n', '\r', '\f', 'a', 'Z', '9', '\'', 0xA0, 0xE9, 0x3000, 0x2019, 0x1F600, 0x0301};
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(60);
      for (int j = 0; j < n; j++) {
        sb.appendCodePoint(alphabet[r.nextInt(alphabet.length)]);
      }
      String s = sb.toString();
      assertEquals(oracle(s), tokens(new WhitespaceTokenizer(false), s.getBytes(StandardCharsets.UTF_8)), s);
    }
  }

  @Test
  void longLine() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      sb.append("w").append(i % 97).append(i % 5 == 0 ? "\t" : " ");
    }
    String s = sb.toString();
    assertEquals(oracle(s), tokens(new WhitespaceTokenizer(false), s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aLongTokenIsOneToken() {
    String s = "x".repeat(1 << 20);
    assertEquals(List.of(s), tokens(new WhitespaceTokenizer(true), s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void lowercaseMatchesStringLowerCasePerCodePoint() {
    String s = "The QUICK Ärger ÉCOLE İstanbul ΣΊΣΥΦΟΣ Ⱥ KELVIN\u212A";
    List<String> expected = new ArrayList<>();
    for (String t : oracle(s)) {
      StringBuilder sb = new StringBuilder();
      t.codePoints().map(Character::toLowerCase).forEach(sb::appendCodePoint);
      expected.add(sb.toString());
    }
    assertEquals(expected, tokens(new WhitespaceTokenizer(true), s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void invalidUtf8IsRepairedExactlyLikeHadoopText() {
    byte[][] samples = {
      {'a', (byte) 0xC3, ' ', 'b'}, // truncated 2-byte sequence
      {(byte) 0xFF, (byte) 0xFE, 'x'}, // bytes never valid in UTF-8
      {'o', 'k', ' ', (byte) 0xE2, (byte) 0x82}, // truncated at end of line
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80, ' ', 's'}, // encoded surrogate
      {(byte) 0xC0, (byte) 0xAF, ' ', '/'}, // overlong slash
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
    };
    for (byte[] b : samples) {
      assertEquals(false, Utf8.isValid(b, 0, b.length));
      String hadoop = new Text(b).toString(); // Hadoop's WordCount: value.toString()
      byte[] fixed = Utf8.sanitize(b, 0, b.length);
      assertEquals(hadoop, new String(fixed, StandardCharsets.UTF_8));
      assertEquals(oracle(hadoop), tokens(new WhitespaceTokenizer(false), fixed));
    }
  }
}
