package io.drover.jobs.gd.data;

import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.input.DelimitedParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * CSV with a header record: the label column by name, the features by name (default: every other
 * column, in file order). Records are those of {@link io.drover.jobs.aggregate.input.CsvRecords}
 * and their fields those of {@link DelimitedParser} (RFC 4180: a quoted field may hold commas,
 * line breaks and doubled quotes), the one CSV reader that aggregate uses too; blanks around a
 * field are dropped, blank records skipped. Every feature is stored, zeros included, so the model
 * sees a dense row.
 */
public final class CsvParser implements RecordParser {
  /** The delimiter of gd's CSV input. */
  public static final char DELIMITER = ',';

  private static final CSVFormat FORMAT = DelimitedParser.csvFormat(DELIMITER);

  private final int labelColumn;
  private final int[] featureColumns;
  private final String[] featureNames;
  private final int columns;
  private boolean textLabels;
  private String columnsFrom = "the header";
  private List<String> names;
  private List<String> lastFields;
  private String labelText;
  private boolean categorical;
  private int hashBuckets;
  private String[] texts;

  private CsvParser(int labelColumn, int[] featureColumns, String[] featureNames, int columns) {
    this.labelColumn = labelColumn;
    this.featureColumns = featureColumns;
    this.featureNames = featureNames;
    this.columns = columns;
  }

  /**
   * A classifier's parser: a label that is not a number is read as text and coded by {@link
   * Labels#code} ({@link #labelText()} gives its text) instead of refused.
   */
  public CsvParser textLabels(boolean on) {
    textLabels = on;
    return this;
  }

  /**
   * A parser of raw records for an {@link Encoding}: column c's value at index c when it is a
   * finite number, its text's {@link Labels#code} at index D + c otherwise ({@link #lastTexts()}
   * gives the texts), nothing when it is missing ({@code ?} or empty); instead of refusing a value
   * that is not a number.
   */
  public CsvParser categorical(boolean on) {
    categorical = on;
    texts = on ? new String[featureColumns.length] : null;
    return this;
  }

  /** Categorical: a text's raw entry is its {@link Encoding#hashed} feature among {@code n}. */
  public CsvParser hashing(int n) {
    hashBuckets = n;
    return this;
  }

  /** Categorical: the texts of the record last parsed by column, null where none. */
  public String[] lastTexts() {
    return texts;
  }

  /** A parser for a file without a header (named c1..cN): counts fields against its first row. */
  public CsvParser headerless(boolean on) {
    columnsFrom = on ? "the first record" : "the header";
    return this;
  }

  @Override
  public String labelText() {
    return labelText;
  }

  /**
   * @param header the file's first record
   * @param label the label column's name; null: the input has no label (k-means), each label
   *     reads as NaN
   * @param features feature column names, or null for every column but the label
   * @throws BadRecordException a named column is not in the header (the message lists it)
   */
  public static CsvParser fromHeader(String header, String label, List<String> features)
      throws BadRecordException {
    return fromHeader(header, label, features, false);
  }

  /**
   * As {@link #fromHeader(String, String, List)}; with {@code labelOptional} a header without the
   * label column is fine (scoring unlabeled rows: the label reads as NaN).
   */
  public static CsvParser fromHeader(
      String header, String label, List<String> features, boolean labelOptional)
      throws BadRecordException {
    List<String> names = fields(RecordParser.clean(header));
    int labelCol = names.indexOf(label);
    if (labelCol < 0 && !labelOptional && label != null) {
      throw missing(
          "the header has no column '" + label + "' for --label; columns: "
              + String.join(",", names));
    }
    List<String> feats = new ArrayList<>();
    if (features == null) {
      for (String n : names) {
        if (!n.equals(label)) {
          feats.add(n);
        }
      }
    } else {
      feats.addAll(features);
    }
    if (feats.isEmpty()) {
      throw missing(
          label == null
              ? "the header has no columns"
              : "no feature columns besides the label '" + label + "'");
    }
    int[] cols = new int[feats.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = names.indexOf(feats.get(i));
      if (cols[i] < 0) {
        throw missing(
            "the header has no column '" + feats.get(i) + "' named in --features; columns: "
                + String.join(",", names));
      }
      if (cols[i] == labelCol) {
        throw missing("--features names the label column '" + label + "'");
      }
    }
    CsvParser p = new CsvParser(labelCol, cols, feats.toArray(new String[0]), names.size());
    p.names = names;
    return p;
  }

  private static BadRecordException missing(String message) {
    return new BadRecordException(BadRecordException.Reason.MISSING_COLUMN, message);
  }

  /** The 0-based index of the header's column {@code name}, or -1. */
  public int column(String name) {
    return names.indexOf(name);
  }

  /** Field {@code col} of the record last parsed (blanks around it dropped). */
  public String lastField(int col) {
    return lastFields.get(col);
  }

  /** The fields of one record, blanks around each dropped. */
  public static List<String> fields(String record) throws BadRecordException {
    List<String> out;
    try {
      out = DelimitedParser.split(record, false, FORMAT);
    } catch (BadRecordException e) {
      // the reader's words without its class name and its line within the record
      throw new BadRecordException(e.reason(),
          e.getMessage().replaceAll("[\\w.$]+(Exception|Error): ", "")
              .replaceAll("\\(startline \\d+\\) ", ""));
    }
    for (int i = 0; i < out.size(); i++) {
      out.set(i, out.get(i).strip());
    }
    return out;
  }

  /**
   * The line breaks (LF, CR or CRLF, each one) inside {@code b[off, off + len)}: a record starting
   * on line L is followed by one that starts on line L + this + 1.
   */
  public static int lineBreaks(byte[] b, int off, int len) {
    int n = 0;
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == end || b[i + 1] != '\n'))) {
        n++;
      }
    }
    return n;
  }

  @Override
  public Example parse(String raw) throws BadRecordException {
    String record = RecordParser.clean(raw);
    if (record.isBlank()) {
      return null;
    }
    List<String> f = fields(record);
    lastFields = f;
    if (f.size() != columns) {
      throw new BadRecordException(BadRecordException.Reason.WRONG_FIELD_COUNT,
          f.size() + " fields where " + columnsFrom + " has " + columns);
    }
    double label;
    if (labelColumn < 0) {
      label = Double.NaN;
    } else if (textLabels) {
      labelText = f.get(labelColumn);
      if (labelText.isEmpty()) {
        throw new BadRecordException(BadRecordException.Reason.NOT_A_NUMBER, "the label is empty");
      }
      label = Labels.code(labelText);
    } else {
      label = RecordParser.number(f.get(labelColumn), "label");
    }
    if (categorical) {
      return raw(label, f);
    }
    int[] idx = new int[featureColumns.length];
    double[] val = new double[featureColumns.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
      val[i] = RecordParser.number(f.get(featureColumns[i]), "column '" + featureNames[i] + "'");
    }
    return new Example(label, idx, val);
  }

  private Example raw(double label, List<String> f) {
    int d = featureColumns.length;
    int[] idx = new int[d];
    double[] val = new double[d];
    int n = 0;
    for (int i = 0; i < d; i++) {
      String token = f.get(featureColumns[i]);
      texts[i] = null;
      Double v = ColumnValues.isMissing(token) ? null : Labels.number(token);
      if (v != null) {
        idx[n] = i;
        val[n++] = v;
      } else if (!ColumnValues.isMissing(token)) {
        texts[i] = token;
      }
    }
    int numbers = n;
    int[] allIdx = Arrays.copyOf(idx, numbers + d);
    double[] allVal = Arrays.copyOf(val, numbers + d);
    for (int i = 0; i < d; i++) {
      if (texts[i] != null) {
        allIdx[n] = d + i;
        allVal[n++] =
            hashBuckets > 0
                ? Encoding.hashed(featureNames[i], texts[i], hashBuckets)
                : Labels.code(texts[i]);
      }
    }
    return new Example(label, Arrays.copyOf(allIdx, n), Arrays.copyOf(allVal, n));
  }

  @Override
  public int dimension() {
    return featureColumns.length;
  }

  @Override
  public String[] featureNames() {
    return Arrays.copyOf(featureNames, featureNames.length);
  }
}
