package io.drover.jobs.gd.data;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Label values of a classifier's CSV input as text. A label that reads as a finite number is that
 * number (so {@code 1} and {@code 1.0} are one class); any other text is coded as an exact double
 * from a 64-bit hash of its UTF-8 bytes, {@code 2^60 + 256 k} with {@code k} 52 bits of the hash:
 * the binary training set, the gradient tasks and scoring compare labels by that code only, and
 * the client maps each code back to its text through the {@link ParseSummary}. (Two distinct
 * texts share a code with probability about 2^-52.)
 */
public final class Labels {
  private Labels() {}

  /** The label's number, or null when {@code text} is not a finite number. */
  public static Double number(String text) {
    if (!text.isEmpty()) {
      char c = text.charAt(0);
      // plain text fails here, not by an exception (categorical CSV columns are mostly text)
      if (c > ' ' && !(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' && c != 'N'
          && c != 'I') {
        return null;
      }
    }
    try {
      double v = Double.parseDouble(text);
      return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The code of a label's (trimmed) text. */
  public static double code(String text) {
    Double v = number(text);
    if (v != null) {
      return v;
    }
    long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return 0x1p60 + 256.0 * (h >>> 12);
  }

  /** A numeric label's canonical text: whole numbers without a fraction. */
  public static String numberText(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Which of two distinct labels is class 0 and which class 1, by {@link #classes}: when both
   * texts are numbers, the smaller is 0; otherwise the texts in sorted order. So {@code
   * <=50K}/{@code >50K}, {@code benign}/{@code malignant}, {@code ham}/{@code spam} and {@code
   * no}/{@code yes} map to 0/1 in that order.
   *
   * @return the two texts, class 0 first
   */
  public static List<String> order(String a, String b) {
    return classes(List.of(a, b));
  }

  /**
   * The classes of distinct labels in index order (class 0 first): when every text is a number,
   * by value (so labels 0..K-1 keep their own index, as Spark expects them); otherwise all of
   * them as texts sorted by UTF-16 code unit ({@link String#compareTo}), as Spark's {@code
   * StringIndexer} with {@code stringOrderType=alphabetAsc}.
   */
  public static List<String> classes(java.util.Collection<String> texts) {
    List<String> out = new java.util.ArrayList<>(texts);
    boolean numbers = out.stream().allMatch(t -> number(t) != null);
    out.sort(numbers ? java.util.Comparator.comparingDouble(Labels::number) : null);
    return List.copyOf(out);
  }
}
