package io.drover.jobs.gd.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the parsing pass saw in one CSV feature column, for its {@link Encoding}: how many values
 * were missing ({@code ?} or empty), each text that is not a finite number with its count, and
 * each distinct number with its count (needed only if the column turns out categorical), the
 * numbers no longer counted once there are more than {@link #MAX_NUMBERS} distinct ones, the texts
 * no longer added once there are {@link #MAX_TEXTS}. Parts from several files merge.
 */
public final class ColumnValues {
  /** Distinct numbers counted per column; beyond, the column can only be numeric. */
  public static final int MAX_NUMBERS = 10_000;

  /** Distinct texts counted per column; beyond, the column cannot be one-hot encoded. */
  public static final int MAX_TEXTS = 100_000;

  long missing;
  /** The numbers' count and sum (for the mean that replaces a missing number). */
  long count;
  double sum;
  final TreeMap<String, Long> texts = new TreeMap<>();
  boolean manyTexts;
  final HashMap<Double, Long> numbers = new HashMap<>();
  boolean manyNumbers;
  /** The first text seen: where and what (for messages). */
  ParseSummary.Place firstTextAt;
  String firstText;

  /** A missing value ({@code ?} or empty; the token trimmed). */
  public static boolean isMissing(String token) {
    return token.isEmpty() || token.equals("?");
  }

  void missing() {
    missing++;
  }

  void number(double v) {
    count++;
    sum += v;
    if (manyNumbers) {
      return;
    }
    numbers.merge(v, 1L, Long::sum);
    if (numbers.size() > MAX_NUMBERS) {
      manyNumbers = true;
      numbers.clear();
    }
  }

  void text(String t, ParseSummary.Place at) {
    if (firstTextAt == null || at.compareTo(firstTextAt) < 0) {
      firstTextAt = at;
      firstText = t;
    }
    Long n = texts.get(t);
    if (n != null) {
      texts.put(t, n + 1);
    } else if (texts.size() < MAX_TEXTS) {
      texts.put(t, 1L);
    } else {
      manyTexts = true;
    }
  }

  /** Whether any value is not a number: the column is categorical. */
  public boolean categorical() {
    return firstTextAt != null;
  }

  /** The first value that is not a number (by file, then line), or null: the column is numeric. */
  public String firstText() {
    return firstText;
  }

  /** Where {@link #firstText} is, or null. */
  public ParseSummary.Place firstTextAt() {
    return firstTextAt;
  }

  public long missingCount() {
    return missing;
  }

  /** The mean of the column's numbers; 0 when it has none. */
  public double mean() {
    return count == 0 ? 0 : sum / count;
  }

  void merge(ColumnValues o) {
    missing += o.missing;
    count += o.count;
    sum += o.sum;
    if (o.firstTextAt != null
        && (firstTextAt == null || o.firstTextAt.compareTo(firstTextAt) < 0)) {
      firstTextAt = o.firstTextAt;
      firstText = o.firstText;
    }
    for (Map.Entry<String, Long> e : o.texts.entrySet()) {
      if (texts.containsKey(e.getKey()) || texts.size() < MAX_TEXTS) {
        texts.merge(e.getKey(), e.getValue(), Long::sum);
      } else {
        manyTexts = true;
      }
    }
    manyTexts |= o.manyTexts;
    if (o.manyNumbers) {
      manyNumbers = true;
    }
    if (!manyNumbers) {
      o.numbers.forEach((k, v) -> numbers.merge(k, v, Long::sum));
      if (numbers.size() > MAX_NUMBERS) {
        manyNumbers = true;
      }
    }
    if (manyNumbers) {
      numbers.clear();
    }
  }

  /**
   * Every value of a categorical column by its level text with its count: texts as they are,
   * numbers by their canonical text ({@link Labels#numberText}: {@code 3}, {@code 3.0} and {@code
   * 03} are the level {@code 3}).
   */
  Map<String, Long> levelCounts() {
    Map<String, Long> all = new HashMap<>(texts);
    numbers.forEach((v, n) -> all.merge(Labels.numberText(v), n, Long::sum));
    return all;
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(missing);
    out.writeLong(count);
    out.writeDouble(sum);
    out.writeBoolean(manyTexts);
    out.writeInt(texts.size());
    for (Map.Entry<String, Long> e : texts.entrySet()) {
      writeString(out, e.getKey());
      out.writeLong(e.getValue());
    }
    out.writeBoolean(manyNumbers);
    List<Double> keys = new ArrayList<>(numbers.keySet());
    keys.sort(null);
    out.writeInt(keys.size());
    for (double k : keys) {
      out.writeDouble(k);
      out.writeLong(numbers.get(k));
    }
    out.writeBoolean(firstTextAt != null);
    if (firstTextAt != null) {
      out.writeInt(firstTextAt.file());
      out.writeLong(firstTextAt.line());
      writeString(out, firstText);
    }
  }

  static ColumnValues read(DataInput in) throws IOException {
    ColumnValues c = new ColumnValues();
    c.missing = in.readLong();
    c.count = in.readLong();
    c.sum = in.readDouble();
    c.manyTexts = in.readBoolean();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      c.texts.put(readString(in), in.readLong());
    }
    c.manyNumbers = in.readBoolean();
    n = in.readInt();
    for (int i = 0; i < n; i++) {
      c.numbers.put(in.readDouble(), in.readLong());
    }
    if (in.readBoolean()) {
      c.firstTextAt = new ParseSummary.Place(in.readInt(), in.readLong());
      c.firstText = readString(in);
    }
    return c;
  }

  /** UTF-8 with an int length: a CSV field may be longer than writeUTF's 64 KB. */
  static void writeString(DataOutput out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String readString(DataInput in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
