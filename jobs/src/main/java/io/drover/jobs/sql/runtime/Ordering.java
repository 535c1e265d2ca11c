package io.drover.jobs.sql.runtime;

import io.drover.jobs.sql.catalog.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * SQL order of two non-null runtime values of one type: text by code point (the order of its
 * UTF-8 bytes, not Java's UTF-16 compareTo), doubles with NaN last and -0.0 equal to 0.0,
 * decimals by value, false before true.
 */
final class Ordering {
  private Ordering() {}

  static int compare(DataType t, Object a, Object b) {
    switch (t.kind()) {
      case BOOLEAN:
        return Boolean.compare((Boolean) a, (Boolean) b);
      case INT:
      case BIGINT:
        return Long.compare((Long) a, (Long) b);
      case DOUBLE: {
        double x = (Double) a;
        double y = (Double) b;
        return x == y ? 0 : Double.compare(x, y);
      }
      case DECIMAL:
        return ((BigDecimal) a).compareTo((BigDecimal) b);
      case STRING:
      case VARCHAR:
      case CHAR:
        return compareCodePoints((String) a, (String) b);
      case DATE:
        return ((LocalDate) a).compareTo((LocalDate) b);
      case TIMESTAMP:
        return ((LocalDateTime) a).compareTo((LocalDateTime) b);
      default:
        throw new IllegalArgumentException("no order on " + t);
    }
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
