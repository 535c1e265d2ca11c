package io.drover.jobs.sql.parse;

/**
 * A string literal's backslash escapes, as Hive and Spark SQL read them (Hive's
 * {@code unescapeSQLString}; Spark with {@code spark.sql.parser.escapedStringLiterals=false}, its
 * default): {@code \t \n \r \b \0 \Z} (Ctrl-Z) {@code \' \" \\}, three octal digits
 * {@code \ooo} (ASCII), a backslash, {@code u} and four hex digits; {@code \%} and {@code \_}
 * keep their backslash (LIKE's escapes); any other {@code \c} is {@code c}. So {@code '\t'} is a
 * tab and {@code regexp_replace(s, '\\d+', '')} matches digits, as in a Hive script. (DuckDB and
 * standard SQL read backslashes literally.)
 */
public final class StringLiterals {
  private StringLiterals() {}

  /**
   * {@code text}, the literal between its quotes as the parser gives it, unescaped: SQL's
   * doubled quote {@code ''} is one quote, and the backslash escapes above.
   */
  public static String unescape(String text) {
    if (text.indexOf('\\') < 0 && text.indexOf('\'') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\'' && i + 1 < n && text.charAt(i + 1) == '\'') {
        out.append('\'');
        i++;
        continue;
      }
      if (c != '\\' || i + 1 == n) {
        out.append(c); // a backslash at the very end stays
        continue;
      }
      char e = text.charAt(++i);
      if (octal(text, i)) {
        out.append((char) (((e - '0') << 6) | ((text.charAt(i + 1) - '0') << 3)
            | (text.charAt(i + 2) - '0')));
        i += 2;
        continue;
      }
      if (e == 'u' && hex4(text, i + 1)) {
        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
        i += 4;
        continue;
      }
      switch (e) {
        case '0' -> out.append('\0');
        case 'b' -> out.append('\b');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'Z' -> out.append('\u001A');
        case '%', '_' -> out.append('\\').append(e);
        default -> out.append(e); // \' \" \\ and any other
      }
    }
    return out.toString();
  }

  /** Three octal digits at {@code i}, the first 0 or 1 (Hive's {@code \ooo}: ASCII). */
  private static boolean octal(String s, int i) {
    return i + 2 < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '1'
        && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7'
        && s.charAt(i + 2) >= '0' && s.charAt(i + 2) <= '7';
  }

  private static boolean hex4(String s, int i) {
    if (i + 4 > s.length()) {
      return false;
    }
    for (int k = i; k < i + 4; k++) {
      if (Character.digit(s.charAt(k), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
