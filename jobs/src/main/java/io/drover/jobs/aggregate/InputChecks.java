package io.drover.jobs.aggregate;

import io.drover.jobs.aggregate.AggregateOptions.BadRecordLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What aggregate decides from the group-by job's tallies before it writes anything: whether the
 * bad records (by count, by bytes, by the lines one spans) and the values that did not convert
 * stay within their limits, and the warnings it prints. Pure: fed numbers, gives text.
 */
public final class InputChecks {
  private InputChecks() {}

  /**
   * The bad records of a run. {@code read} and {@code recordBytes} are -1 when unknown (the job's
   * counters could not be fetched); {@code longest} describes the first record that spans more
   * lines than allowed ("FILE, byte N spans L lines"), or is null.
   */
  public record Records(long read, long recordBytes, long bad, long badBytes, long longBad,
      String longest) {}

  /** A typed column the query reads: values read (non-empty), not converted, the first bad. */
  public record Column(String name, String type, long values, long bad, String first) {}

  /**
   * Why the bad records refuse the result, or null when they are within the limits, checked in
   * this order: the count (or share of the records read) of --max-bad-records; the share of
   * the input's bytes that the bad records held, bounded by the same share (for a count N, the
   * share N of the records read is); a record spanning more than {@code maxLines} lines.
   */
  public static String badRecords(Records r, BadRecordLimit limit, int maxLines, String format) {
    if (r.bad() == 0) {
      return null;
    }
    String held = String.format(Locale.ROOT, "%,d bad record%s held %,d bytes", r.bad(),
        r.bad() == 1 ? "" : "s", r.badBytes());
    if (r.read() < 0) {
      if (limit.count() < 0) {
        return "the job's counters could not be fetched (is the job history server running?), "
            + "so the share of bad records is unknown: " + held + " (kept under _bad/); "
            + "nothing was written. Give --max-bad-records as a count (" + r.bad()
            + " would allow these) or fetch the counters";
      }
      if (r.bad() > limit.count()) {
        return String.format(Locale.ROOT, "%,d of the records (%,d bytes) did not parse, more "
            + "than --max-bad-records %s allows; nothing was written. Check --format (it was %s) "
            + "and the records above, or raise --max-bad-records", r.bad(), r.badBytes(),
            limit, format);
      }
    } else {
      if (limit.exceeded(r.bad(), r.read())) {
        return String.format(Locale.ROOT, "%,d of %,d records (%.3f%%, %,d bytes) did not parse, "
            + "more than --max-bad-records %s allows; nothing was written. Check --format (it was "
            + "%s) and the records above, or raise --max-bad-records", r.bad(), r.read(),
            100.0 * r.bad() / Math.max(1, r.read()), r.badBytes(), limit, format);
      }
      double share = limit.count() >= 0 ? (double) limit.count() / Math.max(1, r.read())
          : limit.percent() / 100.0;
      if (r.recordBytes() > 0 && r.badBytes() > share * r.recordBytes()) {
        return String.format(Locale.ROOT, "%s, %.1f%% of the input's %,d bytes: more than the "
            + "%s share of the records that --max-bad-records %s allows; a quote that is never "
            + "closed makes the rest of a file one record%s; nothing was written. Fix the input, "
            + "or raise --max-bad-records", held, 100.0 * r.badBytes() / r.recordBytes(),
            r.recordBytes(), percent(100 * share), limit,
            r.longest() == null ? "" : " (the one at " + r.longest() + ")");
      }
    }
    if (r.longBad() > 0) {
      return String.format(Locale.ROOT, "a bad record at %s, more than -D %s=%d allows (%,d such "
          + "record%s; a quote that is never closed?); nothing was written. Fix the input, or "
          + "raise -D %s", r.longest() == null ? "(see _bad/)" : r.longest(),
          io.drover.jobs.aggregate.mr.AggregateConf.BAD_MAX_RECORD_LINES, maxLines, r.longBad(),
          r.longBad() == 1 ? "" : "s",
          io.drover.jobs.aggregate.mr.AggregateConf.BAD_MAX_RECORD_LINES);
    }
    return null;
  }

  /** One warning line per column with values that did not convert. */
  public static List<String> warnings(List<Column> columns) {
    List<String> out = new ArrayList<>();
    for (Column c : columns) {
      if (c.bad() > 0) {
        out.add(String.format(Locale.ROOT, "warning: %,d of %,d values of column %s (%s) did not "
            + "convert and were read as NULL; the first: '%s'", c.bad(), c.values(), c.name(),
            c.type(), c.first() == null ? "?" : c.first()));
      }
    }
    return out;
  }

  /**
   * Why the values that did not convert refuse the result, or null. With no --max-bad-values
   * ({@code limit} null): a typed column the query reads whose every non-empty value failed to
   * convert (it would be all NULL: a wrong type in --schema, not a few odd values). With one: the
   * count, or share of the values read, of all such values.
   */
  public static String badValues(List<Column> columns, long values, long bad, BadRecordLimit limit) {
    if (limit == null) {
      for (Column c : columns) {
        if (c.values() > 0 && c.bad() == c.values()) {
          return String.format(Locale.ROOT, "column %s: none of its %,d values converted to %s "
              + "(the first: '%s'), so it would be all NULL; check its type (give --schema), or "
              + "allow it with --max-bad-values 100%%; nothing was written", c.name(),
              c.values(), c.type(), c.first() == null ? "?" : c.first());
        }
      }
      return null;
    }
    if (bad > 0 && limit.exceeded(bad, values)) {
      StringBuilder worst = new StringBuilder();
      for (Column c : columns) {
        if (c.bad() > 0) {
          worst.append(worst.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
              "column %s: %,d, the first '%s'", c.name(), c.bad(), c.first()));
        }
      }
      return String.format(Locale.ROOT, "%,d of %,d values (%.3f%%) did not convert to their "
          + "column's type, more than --max-bad-values %s allows (%s); nothing was written. "
          + "Check the types (--schema) or raise --max-bad-values", bad, values,
          100.0 * bad / Math.max(1, values), limit, worst);
    }
    return null;
  }

  private static String percent(double p) {
    return p == Math.rint(p) ? (long) p + "%" : String.format(Locale.ROOT, "%.3g%%", p);
  }
}
