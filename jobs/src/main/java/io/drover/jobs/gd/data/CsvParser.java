package io.drover.jobs.gd.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CSV with a header line: the label column by name, the features by name (default: every other
 * column, in file order). Fields are comma-separated; surrounding double quotes and blanks around a
 * field are dropped. A UTF-8 byte-order mark and CRLF line ends are accepted; blank lines are
 * skipped. Every feature is stored, zeros included, so the model sees a dense row.
 */
public final class CsvParser implements RecordParser {
  private final int labelColumn;
  private final int[] featureColumns;
  private final String[] featureNames;
  private final int columns;

  private CsvParser(int labelColumn, int[] featureColumns, String[] featureNames, int columns) {
    this.labelColumn = labelColumn;
    this.featureColumns = featureColumns;
    this.featureNames = featureNames;
    this.columns = columns;
  }

  /**
   * @param header the file's first line
   * @param label the label column's name
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
    if (labelCol < 0 && !labelOptional) {
      throw new BadRecordException(
          "the header has no column '"
              + label
              + "' for --label; columns: "
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
      throw new BadRecordException("no feature columns besides the label '" + label + "'");
    }
    int[] cols = new int[feats.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = names.indexOf(feats.get(i));
      if (cols[i] < 0) {
        throw new BadRecordException(
            "the header has no column '"
                + feats.get(i)
                + "' named in --features; columns: "
                + String.join(",", names));
      }
      if (cols[i] == labelCol) {
        throw new BadRecordException("--features names the label column '" + label + "'");
      }
    }
    return new CsvParser(labelCol, cols, feats.toArray(new String[0]), names.size());
  }

  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    for (String f : line.split(",", -1)) {
      String s = f.strip();
      if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
        s = s.substring(1, s.length() - 1).strip();
      }
      out.add(s);
    }
    return out;
  }

  @Override
  public Example parse(String raw) throws BadRecordException {
    String line = RecordParser.clean(raw);
    if (line.isBlank()) {
      return null;
    }
    List<String> f = fields(line);
    if (f.size() != columns) {
      throw new BadRecordException(f.size() + " fields where the header has " + columns);
    }
    double label = labelColumn < 0 ? Double.NaN : RecordParser.number(f.get(labelColumn), "label");
    int[] idx = new int[featureColumns.length];
    double[] val = new double[featureColumns.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
      val[i] = RecordParser.number(f.get(featureColumns[i]), "column '" + featureNames[i] + "'");
    }
    return new Example(label, idx, val);
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
