package io.drover.jobs.gd.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.jobs.aggregate.input.BadRecordException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * How CSV feature columns become model features. A column is <em>categorical</em> when any of its
 * training values (blanks around it dropped) is not a finite number and not missing; it is then
 * one-hot encoded: its {@code maxCategories} most frequent values (ties by text) each get a
 * feature {@code col=value}, then {@code col=__missing__} when training saw missing values in it,
 * then {@code col=__other__} when some values were left out, which also takes values never seen
 * in training. Numbers in a categorical column are values by their canonical text ({@code 3.0} is
 * {@code 3}). Every other column is numeric, one feature, a missing value ({@code ?} or empty)
 * replaced by the mean of the column's training values (0 if it has none). Features are laid out
 * column by column in the order of the columns. A program that reads only numbers (kmeans) plans
 * with {@link #LEAVE_OUT}: its categorical columns then have no features at all.
 *
 * <p>The parsing pass writes <em>raw</em> records: column i's number at index i, its text at
 * index D + i as the {@link Labels#code} of the text (hashing: its {@link #hashed} feature),
 * nothing when it is missing (D columns); {@link #encode} turns one into the model's features.
 *
 * <p>With {@code --hash-features N} categorical columns are hashed instead (Vowpal Wabbit's and
 * scikit-learn's FeatureHasher's signed hashing of {@code col=value}, a missing value as the value
 * {@code __missing__}) into N features {@code hash_0..hash_N-1} after the numeric columns; no
 * dictionary, so no limit on their values and nothing is unseen at predict time.
 */
public final class Encoding {
  public static final String MISSING = "__missing__";
  public static final String OTHER = "__other__";

  /**
   * The {@code maxCategories} of a program that reads only numbers (kmeans): categorical columns
   * are left out (no features: {@link #leftOut}), numeric ones are read with missing values
   * imputed as for gd.
   */
  public static final int LEAVE_OUT = -1;

  /**
   * One input column: numeric ({@code impute} replaces a missing value) or categorical (its
   * kept {@code levels} in order, and whether it has the missing and the other level).
   */
  public record Column(
      String name,
      boolean categorical,
      double impute,
      List<String> levels,
      boolean missingLevel,
      boolean otherLevel) {
    /** Its features in place: 1 numeric; one-hot its levels; hashed none (they share the end). */
    int width(int hashBuckets) {
      return !categorical ? 1
          : hashBuckets > 0 ? 0
          : levels.size() + (missingLevel ? 1 : 0) + (otherLevel ? 1 : 0);
    }
  }

  private final List<Column> columns;
  private final int hashBuckets;
  private final int hashStart;
  private final boolean trivial;
  private final int[] start;
  private final int dim;
  private final List<Map<String, Integer>> byText = new ArrayList<>();
  private final List<Map<Double, Integer>> byCode = new ArrayList<>();

  /**
   * @param hashBuckets 0: categorical columns one-hot; else each of their values is hashed into
   *     one of this many features shared by all of them, after the numeric ones ({@link #hashed})
   */
  public Encoding(List<Column> columns, int hashBuckets, boolean trivial) {
    this.columns = List.copyOf(columns);
    this.hashBuckets = hashBuckets;
    this.trivial = trivial;
    start = new int[columns.size()];
    int d = 0;
    for (int c = 0; c < columns.size(); c++) {
      Column col = columns.get(c);
      start[c] = d;
      d += col.width(hashBuckets);
      Map<String, Integer> t = new HashMap<>();
      Map<Double, Integer> k = new HashMap<>();
      if (col.categorical()) {
        for (int i = 0; i < col.levels().size(); i++) {
          String level = col.levels().get(i);
          t.put(level, i);
          if (Labels.number(level) == null) {
            k.put(Labels.code(level), i);
          }
        }
      }
      byText.add(t);
      byCode.add(k);
    }
    hashStart = d;
    dim = d + hashBuckets;
  }

  /**
   * The hashed feature of {@code value} in column {@code column}, as scikit-learn's {@code
   * FeatureHasher} with {@code alternate_sign} (Vowpal Wabbit's signed hashing): h the 32-bit
   * MurmurHash3 (x86, seed 0) of the UTF-8 bytes of {@code column=value}, the feature {@code |h|
   * mod n} with sign + when h >= 0; returned as {@code sign * (feature + 1)}.
   */
  public static double hashed(String column, String value, int n) {
    byte[] b = (column + "=" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int h = org.apache.commons.codec.digest.MurmurHash3.hash32x86(b, 0, b.length, 0);
    // |Integer.MIN_VALUE| does not fit an int: scikit-learn's rule for it
    int index = h == Integer.MIN_VALUE ? (Integer.MAX_VALUE - (n - 1)) % n : Math.abs(h) % n;
    return (h >= 0 ? 1 : -1) * (index + 1.0);
  }

  /**
   * Numeric columns only, in order, a missing value of column j replaced by {@code impute[j]}
   * (kmeans-predict's rows: the columns a kmeans run used, with their training means).
   */
  public static Encoding numeric(List<String> names, double[] impute) {
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      cols.add(new Column(names.get(j), false, impute[j], List.of(), false, false));
    }
    return new Encoding(cols, 0, false);
  }

  /** 0: categorical columns are one-hot; else the number of hashed features. */
  public int hashBuckets() {
    return hashBuckets;
  }

  /**
   * The encoding of the columns that {@code s} summarizes: which are categorical, their kept
   * values, the numeric columns' means.
   *
   * @param file the name of input file i, for messages
   * @param maxCategories the most values a categorical column keeps as one-hot features; {@link
   *     #LEAVE_OUT}: categorical columns get no features
   * @throws IllegalArgumentException a categorical column with more distinct values than can be
   *     counted (the message says which and what to do)
   */
  public static Encoding plan(ParseSummary s, int maxCategories, IntFunction<String> file) {
    return plan(s, maxCategories, 0, file);
  }

  /**
   * As {@link #plan(ParseSummary, int, IntFunction)}; with {@code hashBuckets} > 0 categorical
   * columns are hashed (no limit on their values) instead of one-hot.
   */
  public static Encoding plan(
      ParseSummary s, int maxCategories, int hashBuckets, IntFunction<String> file) {
    List<Column> out = new ArrayList<>();
    boolean trivial = true;
    List<String> names = s.columnNames();
    for (int c = 0; c < names.size(); c++) {
      ColumnValues v = s.columnValues(c);
      String name = names.get(c);
      trivial &= !v.categorical() && v.missingCount() == 0;
      if (!v.categorical()) {
        out.add(new Column(name, false, v.mean(), List.of(), false, false));
        continue;
      }
      if (hashBuckets > 0 || maxCategories == LEAVE_OUT) {
        out.add(new Column(name, true, 0, List.of(), false, false));
        continue;
      }
      String first =
          "its value '" + v.firstText + "' (" + file.apply(v.firstTextAt.file()) + " line "
              + v.firstTextAt.line() + ") is not a number";
      if (v.manyNumbers) {
        throw new IllegalArgumentException("column '" + name + "' is categorical (" + first
            + ") but also holds more than " + String.format("%,d", ColumnValues.MAX_NUMBERS)
            + " distinct numbers: if it is numeric, write that value as missing (? or empty);"
            + " else leave the column out with --features");
      }
      if (v.manyTexts) {
        throw new IllegalArgumentException("column '" + name + "' is categorical (" + first
            + ") with more than " + String.format("%,d", ColumnValues.MAX_TEXTS)
            + " distinct values, too many to one-hot encode: leave it out with --features");
      }
      Map<Double, String> codes = new HashMap<>();
      for (String t : v.texts.keySet()) {
        String before = codes.put(Labels.code(t), t);
        if (before != null) {
          throw new IllegalArgumentException("column '" + name + "': the values '" + before
              + "' and '" + t + "' have the same 52-bit code; rename one");
        }
      }
      List<Map.Entry<String, Long>> ranked = new ArrayList<>(v.levelCounts().entrySet());
      ranked.sort(
          Map.Entry.<String, Long>comparingByValue().reversed()
              .thenComparing(Map.Entry.comparingByKey()));
      List<String> levels = new ArrayList<>();
      for (int i = 0; i < ranked.size() && i < maxCategories; i++) {
        levels.add(ranked.get(i).getKey());
      }
      out.add(new Column(name, true, 0, levels, v.missingCount() > 0,
          ranked.size() > maxCategories));
    }
    return new Encoding(out, hashBuckets, trivial);
  }

  /**
   * No column is categorical and no value is missing: the raw records are the model's features
   * as they are (what gd did before columns could be categorical).
   */
  public boolean trivial() {
    return trivial;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** The categorical columns that have no features ({@link #LEAVE_OUT}), in column order. */
  public List<String> leftOut() {
    return columns.stream()
        .filter(c -> c.categorical() && hashBuckets == 0 && c.width(0) == 0)
        .map(Column::name)
        .toList();
  }

  /** The model's feature count. */
  public int dimension() {
    return dim;
  }

  /** The model's feature names: a numeric column's name, {@code col=value} for one-hot ones. */
  public List<String> featureNames() {
    List<String> out = new ArrayList<>();
    for (Column c : columns) {
      if (!c.categorical()) {
        out.add(c.name());
        continue;
      }
      if (hashBuckets > 0) {
        continue;
      }
      for (String l : c.levels()) {
        out.add(c.name() + "=" + l);
      }
      if (c.missingLevel()) {
        out.add(c.name() + "=" + MISSING);
      }
      if (c.otherLevel()) {
        out.add(c.name() + "=" + OTHER);
      }
    }
    for (int i = 0; i < hashBuckets; i++) {
      out.add("hash_" + i);
    }
    return out;
  }

  /**
   * The model's features of a raw record (see the class comment); its label kept. A missing value
   * of a categorical column without a missing level, or an unseen value without an other level,
   * sets none of the column's features.
   *
   * @param texts the texts of the record's text values by column (for the message of a text in a
   *     numeric column), or null
   * @throws BadRecordException a text in a numeric column (scoring input only: in training such a
   *     column is categorical)
   */
  public Example encode(Example raw, String[] texts) throws BadRecordException {
    int d = columns.size();
    int[] idx = raw.indices();
    double[] val = raw.values();
    int[] outIdx = new int[2 * d];
    double[] outVal = new double[2 * d];
    int hashedFrom = d; // hashed features go after the in-place ones, sorted and summed at the end
    int n = 0;
    int k = 0;
    int t = 0;
    while (t < idx.length && idx[t] < d) {
      t++; // the first text entry
    }
    for (int c = 0; c < d; c++) {
      Column col = columns.get(c);
      boolean isNumber = k < idx.length && idx[k] == c;
      boolean isText = t < idx.length && idx[t] == d + c;
      int slot;
      double v = 1;
      if (col.categorical() && hashBuckets > 0) {
        double h =
            isText ? val[t]
                : hashed(col.name(), isNumber ? Labels.numberText(val[k]) : MISSING, hashBuckets);
        outIdx[hashedFrom] = hashStart + (int) Math.abs(h) - 1;
        outVal[hashedFrom++] = Math.signum(h);
        k += isNumber ? 1 : 0;
        t += isText ? 1 : 0;
        continue;
      }
      if (!col.categorical()) {
        if (isText) {
          throw new BadRecordException(BadRecordException.Reason.NOT_A_NUMBER, "column '"
              + col.name() + "'" + (texts == null || texts[c] == null ? "" : " '" + texts[c] + "'")
              + " is not a number (the model reads the column as numeric)");
        }
        slot = 0;
        v = isNumber ? val[k] : col.impute();
      } else if (isNumber) {
        slot = level(col, byText.get(c).get(Labels.numberText(val[k])));
      } else if (isText) {
        slot = level(col, byCode.get(c).get(val[t]));
      } else {
        slot = col.missingLevel() ? col.levels().size() : -1;
      }
      if (isNumber) {
        k++;
      }
      if (isText) {
        t++;
      }
      if (slot >= 0) {
        outIdx[n] = start[c] + slot;
        outVal[n] = v;
        n++;
      }
    }
    if (hashedFrom > d) {
      n = addHashed(outIdx, outVal, n, d, hashedFrom);
    }
    return new Example(raw.label(), java.util.Arrays.copyOf(outIdx, n),
        java.util.Arrays.copyOf(outVal, n));
  }

  /**
   * Moves the hashed features {@code [from, to)} behind the first {@code n}, by index, the values
   * of one index summed (colliding values, as FeatureHasher sums them); returns the new count.
   */
  private static int addHashed(int[] idx, double[] val, int n, int from, int to) {
    for (int i = from + 1; i < to; i++) { // insertion sort: a handful of columns
      for (int j = i; j > from && idx[j - 1] > idx[j]; j--) {
        int ti = idx[j];
        idx[j] = idx[j - 1];
        idx[j - 1] = ti;
        double tv = val[j];
        val[j] = val[j - 1];
        val[j - 1] = tv;
      }
    }
    for (int i = from; i < to; i++) {
      if (n > 0 && idx[n - 1] == idx[i]) { // only hashed features share an index
        val[n - 1] += val[i];
      } else {
        idx[n] = idx[i];
        val[n++] = val[i];
      }
    }
    return n;
  }

  /** The slot of a kept level, or the other level's, or -1 (no feature). */
  private static int level(Column col, Integer kept) {
    if (kept != null) {
      return kept;
    }
    return col.otherLevel() ? col.levels().size() + (col.missingLevel() ? 1 : 0) : -1;
  }

  /** model.json's {@code encoding}: one object per input column. */
  public List<Map<String, Object>> toJson() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Column c : columns) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("column", c.name());
      m.put("kind", c.categorical() ? (hashBuckets > 0 ? "hashed" : "categorical") : "numeric");
      if (c.categorical() && hashBuckets > 0) {
        m.put("hash_features", hashBuckets);
      } else if (c.categorical()) {
        m.put("levels", c.levels());
        m.put("missing_level", c.missingLevel());
        m.put("other_level", c.otherLevel());
      } else {
        m.put("impute", c.impute());
      }
      out.add(m);
    }
    return out;
  }

  /** The encoding {@link #toJson} wrote. */
  public static Encoding fromJson(JsonNode a) {
    List<Column> cols = new ArrayList<>();
    int buckets = 0;
    for (JsonNode m : a) {
      if (m.get("kind").asText().equals("hashed")) {
        buckets = m.get("hash_features").asInt();
        cols.add(new Column(m.get("column").asText(), true, 0, List.of(), false, false));
        continue;
      }
      boolean cat = m.get("kind").asText().equals("categorical");
      List<String> levels = new ArrayList<>();
      if (cat) {
        for (JsonNode l : m.get("levels")) {
          levels.add(l.asText());
        }
      }
      cols.add(new Column(m.get("column").asText(), cat,
          cat ? 0 : m.get("impute").asDouble(), levels,
          cat && m.get("missing_level").asBoolean(), cat && m.get("other_level").asBoolean()));
    }
    return new Encoding(cols, buckets, false);
  }
}
