package io.drover.jobs.gd.data;

/** Turns one line of input into an {@link Example}; {@code null} for a line to skip. */
public interface RecordParser {
  Example parse(String line) throws BadRecordException;

  /** The number of features this parser knows in advance (CSV), or -1 (LIBSVM: from the data). */
  int dimension();

  /** Feature names by index when the input has them (CSV header), else null. */
  String[] featureNames();

  /** Strips a UTF-8 byte-order mark and a trailing CR. */
  static String clean(String line) {
    String s = line;
    if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
      s = s.substring(1);
    }
    if (s.endsWith("\r")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  static double number(String token, String what) throws BadRecordException {
    double v;
    try {
      v = Double.parseDouble(token);
    } catch (NumberFormatException e) {
      throw new BadRecordException(what + " '" + token + "' is not a number");
    }
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new BadRecordException(
          what + " is " + token + "; only finite numbers can be trained on");
    }
    return v;
  }
}
