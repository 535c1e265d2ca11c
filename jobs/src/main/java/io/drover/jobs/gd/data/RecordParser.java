package io.drover.jobs.gd.data;

import io.drover.jobs.aggregate.input.BadRecordException;

/**
 * Turns one input record into an {@link Example}; {@code null} for a record to skip (blank). A
 * record is what the input's one reader delimits: a LIBSVM line, or a CSV record as {@link
 * io.drover.jobs.aggregate.input.CsvRecords} finds it (a quoted field may hold line breaks; the
 * BOM and the line end are not part of it). A record that does not parse throws the one {@link
 * BadRecordException} of every Drover reader, saying what is wrong.
 */
public interface RecordParser {
  Example parse(String record) throws BadRecordException;

  /** The number of features this parser knows in advance (CSV), or -1 (LIBSVM: from the data). */
  int dimension();

  /** Feature names by index when the input has them (CSV header), else null. */
  String[] featureNames();

  /**
   * The label text of the record last parsed when labels may be text (a classifier's CSV), else
   * null: the label is the number in the {@link Example}.
   */
  default String labelText() {
    return null;
  }

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
      throw new BadRecordException(
          BadRecordException.Reason.NOT_A_NUMBER, what + " '" + token + "' is not a number");
    }
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new BadRecordException(
          BadRecordException.Reason.NOT_A_NUMBER,
          what + " is " + token + "; only finite numbers can be trained on");
    }
    return v;
  }
}
