package io.drover.jobs.gd.data;

import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.input.Inference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the first record of a CSV file is: its header ({@code FIRST}, the default), data ({@code
 * NONE}: {@code --no-header}), or a line to skip whatever it holds ({@code IGNORE}: {@code
 * --ignore-header}, for a first line that does not describe the rows, as sklearn's {@code
 * 569,30,malignant,benign}). Without a header the columns are named as aggregate names them,
 * {@link Inference#columnName c1..cN}, N the fields of the first data record.
 */
public enum CsvHeader {
  FIRST,
  NONE,
  IGNORE;

  /** model.json's and the fingerprint's word: first, none, ignore. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CsvHeader of(String word) {
    return word == null ? FIRST : valueOf(word.toUpperCase(Locale.ROOT));
  }

  /** The header that names {@code n} columns c1..cN. */
  public static String names(int n) {
    List<String> out = new ArrayList<>();
    for (int c = 1; c <= n; c++) {
      out.add(Inference.columnName(c));
    }
    return String.join(",", out);
  }

  /** The header that names the columns of the data record {@code record}. */
  public static String namesFor(String record) throws BadRecordException {
    return names(CsvParser.fields(RecordParser.clean(record)).size());
  }
}
