package io.drover.jobs.sql.runtime;

import io.drover.jobs.sql.catalog.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/** Random runtime values of every type, with NULLs, extremes, non-ASCII and empty strings. */
final class RandomValues {
  static final List<DataType> ALL_TYPES = List.of(DataType.BOOLEAN, DataType.INT,
      DataType.BIGINT, DataType.DOUBLE, DataType.decimal(15, 2), DataType.decimal(18, 0),
      DataType.decimal(38, 10), DataType.decimal(38, 0), DataType.decimal(19, 19),
      DataType.STRING, DataType.varchar(10), DataType.fixedChar(3), DataType.DATE,
      DataType.TIMESTAMP);

  private static final String[] PIECES = {"", "a", "b", "ab", "\u0000", "é", "\u00ff", "z",
      "\u4e2d", "\ud83d\ude00", "\uffff", "\ud800\udc00", " ", "A"};

  private RandomValues() {}

  /** A value of {@code t}; with {@code few}, from a small domain so that ties are common. */
  static Object value(Random r, DataType t, boolean few) {
    if (r.nextInt(8) == 0) {
      return null;
    }
    switch (t.kind()) {
      case BOOLEAN:
        return r.nextBoolean();
      case INT:
        if (few) {
          return (long) r.nextInt(3) - 1;
        }
        return switch (r.nextInt(4)) {
          case 0 -> (long) Integer.MIN_VALUE;
          case 1 -> (long) Integer.MAX_VALUE;
          default -> (long) r.nextInt();
        };
      case BIGINT:
        if (few) {
          return (long) r.nextInt(3) - 1;
        }
        return switch (r.nextInt(5)) {
          case 0 -> Long.MIN_VALUE;
          case 1 -> Long.MAX_VALUE;
          case 2 -> (long) r.nextInt(200) - 100;
          default -> r.nextLong();
        };
      case DOUBLE: {
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
            -Double.MAX_VALUE, 1.0, -1.0};
        if (few || r.nextInt(3) == 0) {
          return special[r.nextInt(few ? 5 : special.length)];
        }
        return r.nextBoolean() ? r.nextGaussian() * 1e6
            : Double.longBitsToDouble(r.nextLong());
      }
      case DECIMAL: {
        int p = t.precision();
        BigInteger max = BigInteger.TEN.pow(p).subtract(BigInteger.ONE);
        BigInteger u;
        if (few) {
          u = BigInteger.valueOf(r.nextInt(3) - 1);
        } else {
          u = switch (r.nextInt(5)) {
            case 0 -> max;
            case 1 -> max.negate();
            case 2 -> BigInteger.valueOf(r.nextInt(2001) - 1000);
            default -> new BigInteger(130, r).mod(max.add(BigInteger.ONE))
                .multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1));
          };
        }
        return new BigDecimal(u, t.scale());
      }
      case STRING:
      case VARCHAR:
      case CHAR: {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(few ? 2 : 5);
        for (int i = 0; i < n; i++) {
          sb.append(PIECES[r.nextInt(few ? 4 : PIECES.length)]);
        }
        return sb.toString();
      }
      case DATE:
        if (few) {
          return LocalDate.ofEpochDay(r.nextInt(3) - 1);
        }
        return switch (r.nextInt(6)) {
          case 0 -> LocalDate.MIN;
          case 1 -> LocalDate.MAX;
          default -> LocalDate.ofEpochDay(r.nextInt(2_000_000) - 1_000_000);
        };
      case TIMESTAMP: {
        long micros = few ? r.nextInt(3) - 1
            : (long) (r.nextDouble() * 2 * 253402300799_000000L) - 253402300799_000000L;
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
            (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
      }
      default:
        throw new IllegalArgumentException(t.toString());
    }
  }
}
