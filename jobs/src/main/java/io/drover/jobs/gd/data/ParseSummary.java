package io.drover.jobs.gd.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the parsing pass learns from its input besides the records: the record count, per-feature
 * statistics (count of stored values, sum, sum of squares, min, max, over all records with absent
 * sparse features counting as 0), the label values with their counts and the first place each was
 * seen, and the first bad line. Parts from several files merge in file order.
 */
public final class ParseSummary {
  /** Where a label value was first seen: input file index and 1-based line. */
  public record Place(int file, long line) implements Comparable<Place> {
    @Override
    public int compareTo(Place o) {
      return file != o.file ? Integer.compare(file, o.file) : Long.compare(line, o.line);
    }
  }

  /** The first bad line: file index, the file's name, 1-based line, what is wrong. */
  public record Error(int file, String path, long line, String message) {
    @Override
    public String toString() {
      return path + " line " + line + ": " + message;
    }
  }

  private long records;
  private int dim;
  private long[] nnz = new long[0];
  private double[] sum = new double[0];
  private double[] sumSq = new double[0];
  private double[] min = new double[0];
  private double[] max = new double[0];
  private final TreeMap<Double, Long> labelCounts = new TreeMap<>();
  private final TreeMap<Double, Place> labelFirst = new TreeMap<>();
  private final TreeMap<Double, String> labelText = new TreeMap<>();
  private Error error;
  private List<String> columnNames = List.of();
  private final List<ColumnValues> columns = new ArrayList<>();

  public void add(Example e, int file, long line) {
    add(e, file, line, null);
  }

  /**
   * Adds a record whose label was read from {@code text} (a classifier's CSV label, see {@link
   * Labels}); null: a number, named by its canonical text.
   */
  public void add(Example e, int file, long line, String text) {
    records++;
    int top = e.indices().length == 0 ? 0 : e.indices()[e.indices().length - 1] + 1;
    grow(top);
    for (int k = 0; k < e.indices().length; k++) {
      int j = e.indices()[k];
      double v = e.values()[k];
      nnz[j]++;
      sum[j] += v;
      sumSq[j] += v * v;
      min[j] = Math.min(min[j], v);
      max[j] = Math.max(max[j], v);
    }
    labelCounts.merge(e.label(), 1L, Long::sum);
    labelFirst.putIfAbsent(e.label(), new Place(file, line));
    labelText.putIfAbsent(
        e.label(),
        text == null || Labels.number(text) != null ? Labels.numberText(e.label()) : text);
  }

  /**
   * A CSV read for an {@link Encoding}: its feature columns, whose values {@link #addColumns}
   * counts.
   */
  public void columns(List<String> names) {
    if (columns.isEmpty()) {
      columnNames = List.copyOf(names);
      for (int c = 0; c < names.size(); c++) {
        columns.add(new ColumnValues());
      }
    }
  }

  /**
   * Counts the values of a raw record ({@link Encoding}: column c's number at index c, its text
   * {@code texts[c]} at index D + c, nothing when missing) read at {@code file}, {@code line}.
   */
  public void addColumns(Example raw, String[] texts, int file, long line) {
    int d = columns.size();
    int[] idx = raw.indices();
    double[] val = raw.values();
    int k = 0;
    for (int c = 0; c < d; c++) {
      ColumnValues v = columns.get(c);
      if (k < idx.length && idx[k] == c) {
        v.number(val[k++]);
      } else if (texts[c] != null) {
        v.text(texts[c], new Place(file, line));
      } else {
        v.missing();
      }
    }
  }

  /** The CSV feature columns whose values were counted; empty when none were. */
  public List<String> columnNames() {
    return columnNames;
  }

  public ColumnValues columnValues(int c) {
    return columns.get(c);
  }

  /** A copy of this summary with the feature statistics (and dimension) of {@code stats}. */
  public ParseSummary withFeatureStats(ParseSummary stats) {
    ParseSummary s = new ParseSummary();
    s.merge(this);
    s.dim = stats.dim;
    s.nnz = stats.nnz.clone();
    s.sum = stats.sum.clone();
    s.sumSq = stats.sumSq.clone();
    s.min = stats.min.clone();
    s.max = stats.max.clone();
    return s;
  }

  /** Makes room for features 0..d-1 (CSV knows d before it sees data). */
  public void grow(int d) {
    if (d <= dim) {
      return;
    }
    nnz = Arrays.copyOf(nnz, d);
    sum = Arrays.copyOf(sum, d);
    sumSq = Arrays.copyOf(sumSq, d);
    int old = dim;
    min = Arrays.copyOf(min, d);
    max = Arrays.copyOf(max, d);
    for (int j = old; j < d; j++) {
      min[j] = Double.POSITIVE_INFINITY;
      max[j] = Double.NEGATIVE_INFINITY;
    }
    dim = d;
  }

  public void fail(Error e) {
    if (error == null
        || e.file() < error.file()
        || (e.file() == error.file() && e.line() < error.line())) {
      error = e;
    }
  }

  /** Adds {@code o} (a later file's part) into this one. */
  public void merge(ParseSummary o) {
    grow(o.dim);
    records += o.records;
    for (int j = 0; j < o.dim; j++) {
      nnz[j] += o.nnz[j];
      sum[j] += o.sum[j];
      sumSq[j] += o.sumSq[j];
      min[j] = Math.min(min[j], o.min[j]);
      max[j] = Math.max(max[j], o.max[j]);
    }
    o.labelCounts.forEach((k, v) -> labelCounts.merge(k, v, Long::sum));
    o.labelFirst.forEach((k, p) -> labelFirst.merge(k, p, (a, b) -> a.compareTo(b) <= 0 ? a : b));
    o.labelText.forEach(labelText::putIfAbsent);
    if (o.error != null) {
      fail(o.error);
    }
    columns(o.columnNames);
    for (int c = 0; c < o.columns.size() && c < columns.size(); c++) {
      columns.get(c).merge(o.columns.get(c));
    }
  }

  public long records() {
    return records;
  }

  public int dimension() {
    return dim;
  }

  public Error error() {
    return error;
  }

  public Map<Double, Long> labelCounts() {
    return java.util.Collections.unmodifiableMap(labelCounts);
  }

  public Map<Double, Place> labelFirstSeen() {
    return java.util.Collections.unmodifiableMap(labelFirst);
  }

  /** Each label's text (a number's canonical text: 1 for 1.0). */
  public Map<Double, String> labelTexts() {
    return java.util.Collections.unmodifiableMap(labelText);
  }

  public long count(int j) {
    return nnz[j];
  }

  public double mean(int j) {
    return sum[j] / records;
  }

  /** Sample standard deviation (n - 1), as Spark's StandardScaler; 0 for fewer than 2 records. */
  public double stddev(int j) {
    if (records < 2) {
      return 0;
    }
    double m = mean(j);
    double var = (sumSq[j] - records * m * m) / (records - 1);
    return var > 0 ? Math.sqrt(var) : 0;
  }

  /** Min over all records: an absent sparse value counts as 0. */
  public double min(int j) {
    return nnz[j] < records ? Math.min(0, min[j]) : min[j];
  }

  public double max(int j) {
    return nnz[j] < records ? Math.max(0, max[j]) : max[j];
  }

  public void write(DataOutput out) throws IOException {
    out.writeLong(records);
    out.writeInt(dim);
    for (int j = 0; j < dim; j++) {
      out.writeLong(nnz[j]);
      out.writeDouble(sum[j]);
      out.writeDouble(sumSq[j]);
      out.writeDouble(min[j]);
      out.writeDouble(max[j]);
    }
    out.writeInt(labelCounts.size());
    for (Map.Entry<Double, Long> e : labelCounts.entrySet()) {
      out.writeDouble(e.getKey());
      out.writeLong(e.getValue());
      Place p = labelFirst.get(e.getKey());
      out.writeInt(p.file());
      out.writeLong(p.line());
      out.writeUTF(labelText.get(e.getKey()));
    }
    out.writeBoolean(error != null);
    if (error != null) {
      out.writeInt(error.file());
      out.writeUTF(error.path());
      out.writeLong(error.line());
      out.writeUTF(error.message());
    }
    // only a CSV read for an encoding has columns (summaries of older versions end before)
    out.writeInt(columns.size());
    for (int c = 0; c < columns.size(); c++) {
      ColumnValues.writeString(out, columnNames.get(c));
      columns.get(c).write(out);
    }
  }

  public void readFields(DataInput in) throws IOException {
    records = in.readLong();
    dim = 0;
    nnz = new long[0];
    sum = new double[0];
    sumSq = new double[0];
    min = new double[0];
    max = new double[0];
    grow(in.readInt());
    for (int j = 0; j < dim; j++) {
      nnz[j] = in.readLong();
      sum[j] = in.readDouble();
      sumSq[j] = in.readDouble();
      min[j] = in.readDouble();
      max[j] = in.readDouble();
    }
    labelCounts.clear();
    labelFirst.clear();
    labelText.clear();
    int labels = in.readInt();
    for (int i = 0; i < labels; i++) {
      double k = in.readDouble();
      labelCounts.put(k, in.readLong());
      labelFirst.put(k, new Place(in.readInt(), in.readLong()));
      labelText.put(k, in.readUTF());
    }
    error =
        in.readBoolean()
            ? new Error(in.readInt(), in.readUTF(), in.readLong(), in.readUTF())
            : null;
    columns.clear();
    columnNames = List.of();
    int n;
    try {
      n = in.readInt();
    } catch (java.io.EOFException e) {
      return; // written before summaries had columns
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      names.add(ColumnValues.readString(in));
      columns.add(ColumnValues.read(in));
    }
    columnNames = List.copyOf(names);
  }
}
