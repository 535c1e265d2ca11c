package io.drover.jobs.gd.data;

import io.drover.jobs.aggregate.input.BadRecordException;
import java.util.Arrays;

/**
 * LIBSVM / SVMlight lines: {@code label idx:val idx:val ...}, indices 1-based and strictly
 * ascending, separated by spaces or tabs; trailing blanks, a CR and a {@code #} comment are
 * ignored; blank lines are skipped.
 */
public final class LibsvmParser implements RecordParser {
  private int[] idx = new int[16];
  private double[] val = new double[16];

  @Override
  public Example parse(String raw) throws BadRecordException {
    String line = RecordParser.clean(raw);
    int hash = line.indexOf('#');
    if (hash >= 0) {
      line = line.substring(0, hash);
    }
    line = line.strip();
    if (line.isEmpty()) {
      return null;
    }
    // tokens are the runs between spaces and tabs, scanned in place: a9a's parsing pass spent
    // most of its time in String.split's regex, substrings and the messages of errors not made
    int len = line.length();
    int end = next(line, 0);
    double label = RecordParser.number(line.substring(0, end), "label");
    int n = 0;
    int last = 0;
    for (int start = skip(line, end); start < len; start = skip(line, end)) {
      end = next(line, start);
      int colon = line.indexOf(':', start);
      if (colon < 0 || colon >= end) {
        colon = -1;
      }
      if (colon <= start || colon == end - 1) {
        throw bad("feature '" + line.substring(start, end) + "' is not index:value");
      }
      int index;
      try {
        index = Integer.parseInt(line, start, colon, 10);
      } catch (NumberFormatException e) {
        throw bad(
            "feature index '" + line.substring(start, colon) + "' is not a whole number");
      }
      if (index < 1) {
        throw bad(
            "feature index " + index + " in '" + line.substring(start, end)
                + "': LIBSVM indices start at 1");
      }
      if (index <= last) {
        throw bad(
            "feature index " + index + " after " + last + ": indices must be strictly ascending");
      }
      last = index;
      String text = line.substring(colon + 1, end);
      double v;
      try {
        v = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        v = RecordParser.number(text, "value of feature " + index); // throws, saying why
      }
      if (n == idx.length) {
        idx = Arrays.copyOf(idx, 2 * n);
        val = Arrays.copyOf(val, 2 * n);
      }
      idx[n] = index - 1;
      val[n] = v;
      n++;
    }
    return new Example(label, Arrays.copyOf(idx, n), Arrays.copyOf(val, n));
  }

  /** The end of the token at {@code i}: the next space or tab, or the line's end. */
  private static int next(String line, int i) {
    while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
      i++;
    }
    return i;
  }

  /** The start of the next token at or after {@code i} (the line's end when none). */
  private static int skip(String line, int i) {
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static BadRecordException bad(String message) {
    return new BadRecordException(BadRecordException.Reason.INVALID_LIBSVM, message);
  }

  @Override
  public int dimension() {
    return -1;
  }

  @Override
  public String[] featureNames() {
    return null;
  }
}
