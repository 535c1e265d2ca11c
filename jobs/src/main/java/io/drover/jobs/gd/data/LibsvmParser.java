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
    String[] tokens = line.split("[ \t]+");
    double label = RecordParser.number(tokens[0], "label");
    int n = 0;
    int last = 0;
    for (int t = 1; t < tokens.length; t++) {
      String tok = tokens[t];
      int colon = tok.indexOf(':');
      if (colon <= 0 || colon == tok.length() - 1) {
        throw bad("feature '" + tok + "' is not index:value");
      }
      int index;
      try {
        index = Integer.parseInt(tok.substring(0, colon));
      } catch (NumberFormatException e) {
        throw bad(
            "feature index '" + tok.substring(0, colon) + "' is not a whole number");
      }
      if (index < 1) {
        throw bad(
            "feature index " + index + " in '" + tok + "': LIBSVM indices start at 1");
      }
      if (index <= last) {
        throw bad(
            "feature index " + index + " after " + last + ": indices must be strictly ascending");
      }
      last = index;
      double v = RecordParser.number(tok.substring(colon + 1), "value of feature " + index);
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
