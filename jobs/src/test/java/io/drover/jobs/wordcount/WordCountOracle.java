package io.drover.jobs.wordcount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Independent word counts for checking job output: plain Java over the decoded files, no Hadoop
 * and none of Drover's tokenizers. Hidden files (. or _) are skipped, as Hadoop's input listing does.
 */
final class WordCountOracle {
  /** The `words` rule as a regex over decoded text: letters, decimal digits, marks, inner apostrophes. */
  static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{Nd}\\p{M}]*(?:['\u2019][\\p{L}\\p{Nd}][\\p{L}\\p{Nd}\\p{M}]*)*");

  private WordCountOracle() {}

  static List<Path> files(Path root) throws IOException {
    Predicate<Path> visible = p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_");
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(visible).sorted().toList();
    }
  }

  static String text(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8); // REPLACE, like Text.toString
  }

  /** java.util.StringTokenizer tokens, optionally lower-cased per code point. */
  static Map<String, Long> whitespace(Path root, boolean lowercase) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (Path f : files(root)) {
      StringTokenizer st = new StringTokenizer(text(f));
      while (st.hasMoreTokens()) {
        String t = st.nextToken();
        counts.merge(lowercase ? lower(t) : t, 1L, Long::sum);
      }
    }
    return counts;
  }

  static Map<String, Long> words(Path root) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (Path f : files(root)) {
      Matcher m = WORD.matcher(text(f));
      while (m.find()) {
        StringBuilder sb = new StringBuilder();
        m.group().codePoints()
            .map(cp -> cp == 0x2019 ? '\'' : Character.toLowerCase(Character.toUpperCase(cp)))
            .forEach(sb::appendCodePoint);
        counts.merge(sb.toString(), 1L, Long::sum);
      }
    }
    return counts;
  }

  static String lower(String t) {
    StringBuilder sb = new StringBuilder();
    t.codePoints().map(Character::toLowerCase).forEach(sb::appendCodePoint);
    return sb.toString();
  }

  static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
