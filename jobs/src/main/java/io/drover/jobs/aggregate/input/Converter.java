package io.drover.jobs.aggregate.input;

import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.time.ZoneId;

/**
 * Text to a column's type: an empty text is NULL; one that does not convert is NULL, counted per
 * column in the {@link ValueTally}.
 */
final class Converter {
  private final ZoneId zone;
  final ValueTally tally;

  Converter(ZoneId zone, int columns) {
    this.zone = zone;
    this.tally = new ValueTally(columns);
  }

  /** Values so far that did not convert. */
  long bad() {
    return tally.totalBad();
  }

  /** The value of column {@code col} (counted in the tally). */
  Object convert(String raw, Type t, int col) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    tally.seen(col);
    Object v;
    switch (t) {
      case STRING:
        return raw;
      case LONG:
        v = Values.parseLong(raw);
        break;
      case DOUBLE:
        v = Values.parseDouble(raw);
        break;
      case BOOLEAN:
        String s = raw.trim();
        v = s.equalsIgnoreCase("true") ? Boolean.TRUE
            : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        break;
      case TIMESTAMP:
        v = Values.parseTimestamp(raw, zone);
        break;
      default:
        throw new AssertionError(t);
    }
    if (v == null) {
      tally.bad(col, raw);
    }
    return v;
  }

  /** The narrowest type of a text, in Spark's inferSchema order: bigint, double, boolean, ... */
  static Type infer(String raw, ZoneId zone) {
    String s = raw.trim();
    if (wholeNumber(s)) {
      return Type.LONG;
    }
    if (Values.parseDouble(s) != null && !s.isEmpty()) {
      return Type.DOUBLE;
    }
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Type.BOOLEAN;
    }
    if (Values.parseTimestamp(s, zone) != null) {
      return Type.TIMESTAMP;
    }
    return Type.STRING;
  }

  /** {@code [+-]?\d{1,18}} (ASCII digits, as the regex {@code \d} is). */
  private static boolean wholeNumber(String s) {
    int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
    if (s.length() == i || s.length() - i > 18) {
      return false;
    }
    for (; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The type two inferred types widen to. */
  static Type widen(Type a, Type b) {
    if (a == null) {
      return b;
    }
    if (b == null || a == b) {
      return a;
    }
    if (a.numeric() && b.numeric()) {
      return Type.DOUBLE;
    }
    return Type.STRING;
  }
}
