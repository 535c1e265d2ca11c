package io.drover.jobs.gd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.jobs.aggregate.input.BadRecordException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which columns are categorical, their kept values, missing values, and the encoded rows. */
class EncodingTest {
  static final String HEADER = "color,size,grade,y";

  /** The summary of {@code rows} parsed as the parsing pass does, split into two "files". */
  static ParseSummary summarize(String... rows) throws Exception {
    ParseSummary all = new ParseSummary();
    for (int file = 0; file < 2; file++) {
      CsvParser p = CsvParser.fromHeader(HEADER, "y", null).categorical(true);
      ParseSummary s = new ParseSummary();
      s.grow(p.dimension());
      s.columns(List.of(p.featureNames()));
      for (int i = file; i < rows.length; i += 2) {
        Example e = p.parse(rows[i]);
        s.add(e, file, i + 2);
        s.addColumns(e, p.lastTexts(), file, i + 2);
      }
      all.merge(s);
    }
    return all;
  }

  static final String[] ROWS = {
    "red,1,A,1", "blue,?,2,0", " red ,3,2.0,1", "green,2,B,0", "?,1,,1", "blue,2,A,0",
    "white,,02,1"
  };

  static Example encode(Encoding enc, String row) throws Exception {
    CsvParser p = CsvParser.fromHeader(HEADER, "y", enc.columnNames()).categorical(true)
        .hashing(enc.hashBuckets());
    return enc.encode(p.parse(row), p.lastTexts());
  }

  @Test
  void topValuesByCountThenTextMissingAndOtherLevelsAndTheMeanForMissingNumbers()
      throws Exception {
    Encoding enc = Encoding.plan(summarize(ROWS), 2, i -> "f" + i);
    assertFalse(enc.trivial());
    // color: red 2, blue 2, green 1, white 1, missing 1 -> red and blue (tie: by text), the rest
    // other; size numeric: 1, 3, 2, 1, 2 -> mean 9/5; grade: 2 (2, 2.0, 02) 3, A 2, B 1, missing 1
    assertEquals(
        List.of("color=blue", "color=red", "color=__missing__", "color=__other__", "size",
            "grade=2", "grade=A", "grade=__missing__", "grade=__other__"),
        enc.featureNames());
    assertEquals(9, enc.dimension());
    assertEquals(1.8, enc.columns().get(1).impute(), 1e-15);

    Example e = encode(enc, "red,2.5,A,1");
    assertArrayEquals(new int[] {1, 4, 6}, e.indices());
    assertArrayEquals(new double[] {1, 2.5, 1}, e.values());
    assertEquals(1.0, e.label());
    // unseen color and grade: other; missing size: its mean; missing grade: its level
    e = encode(enc, "purple,?,B,0");
    assertArrayEquals(new int[] {3, 4, 8}, e.indices());
    assertArrayEquals(new double[] {1, 1.8, 1}, e.values());
    e = encode(enc, ",,,0");
    assertArrayEquals(new int[] {2, 4, 7}, e.indices());
    assertArrayEquals(new double[] {1, 1.8, 1}, e.values());
    // 2.00 is the value 2
    assertArrayEquals(new int[] {0, 4, 5}, encode(enc, "blue,1,2.00,0").indices());

    BadRecordException bad =
        assertThrows(BadRecordException.class, () -> encode(enc, "red,big,A,1"));
    assertEquals("column 'size' 'big' is not a number (the model reads the column as numeric)",
        bad.getMessage());
  }

  @Test
  void leaveOutGivesCategoricalColumnsNoFeaturesAndImputesTheNumericOnes() throws Exception {
    Encoding enc = Encoding.plan(summarize(ROWS), Encoding.LEAVE_OUT, i -> "f" + i);
    assertFalse(enc.trivial());
    assertEquals(List.of("size"), enc.featureNames());
    assertEquals(List.of("color", "grade"), enc.leftOut());
    assertEquals(1, enc.dimension());
    // whatever the left-out columns hold (seen, unseen, missing, a number), only size is read
    Example e = encode(enc, "purple,2.5,2,1");
    assertArrayEquals(new int[] {0}, e.indices());
    assertArrayEquals(new double[] {2.5}, e.values());
    e = encode(enc, ",?,,0");
    assertArrayEquals(new int[] {0}, e.indices());
    assertArrayEquals(new double[] {1.8}, e.values());
  }

  @Test
  void withoutOtherOrMissingLevelsAnUnseenOrMissingValueSetsNoFeature() throws Exception {
    Encoding enc = Encoding.plan(summarize("a,1,x,1", "b,2,y,0", "a,3,x,0"), 100, i -> "f" + i);
    assertEquals(List.of("color=a", "color=b", "size", "grade=x", "grade=y"), enc.featureNames());
    Example e = encode(enc, "c,,z,1");
    assertArrayEquals(new int[] {2}, e.indices());
    assertArrayEquals(new double[] {2}, e.values()); // the mean of 1, 2, 3
  }

  @Test
  void numbersOnlyAndNothingMissingIsTrivial() throws Exception {
    Encoding enc = Encoding.plan(summarize("1,2,3,1", "4,5,6,0"), 100, i -> "f" + i);
    assertTrue(enc.trivial());
    assertEquals(List.of("color", "size", "grade"), enc.featureNames());
    Example e = encode(enc, "1,2,3,1");
    assertArrayEquals(new int[] {0, 1, 2}, e.indices());
    assertArrayEquals(new double[] {1, 2, 3}, e.values());
  }

  @Test
  void theSummaryRoundTripsAndPlansTheSameAndModelJsonKeepsTheEncoding() throws Exception {
    ParseSummary s = summarize(ROWS);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    s.write(new DataOutputStream(b));
    ParseSummary back = new ParseSummary();
    back.readFields(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
    Encoding a = Encoding.plan(s, 2, i -> "f" + i);
    assertEquals(a.columns(), Encoding.plan(back, 2, i -> "f" + i).columns());
    ObjectMapper json = new ObjectMapper();
    Encoding fromJson =
        Encoding.fromJson(json.readTree(json.writeValueAsString(a.toJson())));
    assertEquals(a.columns(), fromJson.columns());
    assertEquals(a.featureNames(), fromJson.featureNames());
  }

  @Test
  void aSummaryWrittenBeforeColumnsExistedStillReads() throws Exception {
    ParseSummary s = new ParseSummary();
    s.add(new Example(1, new int[] {0}, new double[] {2}), 0, 1);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    s.write(new DataOutputStream(b));
    byte[] bytes = b.toByteArray();
    byte[] old = java.util.Arrays.copyOf(bytes, bytes.length - 4); // without the column count
    ParseSummary back = new ParseSummary();
    back.readFields(new DataInputStream(new ByteArrayInputStream(old)));
    assertEquals(1, back.records());
    assertEquals(List.of(), back.columnNames());
  }

  @Test
  void aCategoricalColumnWithTooManyNumbersIsRefusedNamingTheFirstText() throws Exception {
    String[] rows = new String[ColumnValues.MAX_NUMBERS + 3];
    for (int i = 0; i < rows.length - 1; i++) {
      rows[i] = "a," + i + "," + i + ",1";
    }
    rows[rows.length - 1] = "b,1,n/a,0";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> Encoding.plan(summarize(rows), 100, i -> "f" + i));
    assertEquals("column 'grade' is categorical (its value 'n/a' (f0 line "
        + (rows.length + 1) + ") is not a number) but also holds more than 10,000 distinct"
        + " numbers: if it is numeric, write that value as missing (? or empty); else leave the"
        + " column out with --features", e.getMessage());
  }

  @Test
  void hashingIsMurmur3OfColumnEqualsValueSignedAsFeatureHasher() throws Exception {
    java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
    // the reference's published values, then commons-codec against the tests' own hash
    assertEquals(0, Murmur3Oracle.hash(new byte[0], 0));
    assertEquals(0xba6bd213, Murmur3Oracle.hash("test".getBytes(utf8), 0));
    assertEquals(0x2e4ff723, Murmur3Oracle.hash(
        "The quick brown fox jumps over the lazy dog".getBytes(utf8), 0));
    for (String v : new String[] {"ORD", "LAS", "a", "ab", "abc", "abcd", "\u00e9t\u00e9", ""}) {
      for (int n : new int[] {1, 7, 64, 1 << 20}) {
        int[] f = Murmur3Oracle.feature("origin=" + v, n);
        assertEquals(f[1] * (f[0] + 1.0), Encoding.hashed("origin", v, n), v + " " + n);
      }
    }

    // numbers (by canonical text) and missing values hash as values; colliding ones are summed
    Encoding enc = Encoding.plan(summarize(ROWS), 100, 1, i -> "f" + i);
    assertEquals(List.of("size", "hash_0"), enc.featureNames());
    double c = Math.signum(Encoding.hashed("color", "red", 1));
    double g = Math.signum(Encoding.hashed("grade", "2", 1));
    Example e = encode(enc, "red,2.5,2.0,1");
    assertArrayEquals(new int[] {0, 1}, e.indices());
    assertArrayEquals(new double[] {2.5, c + g}, e.values());
    e = encode(enc, "?,?,B,1");
    assertArrayEquals(new double[] {1.8,
        Math.signum(Encoding.hashed("color", "__missing__", 1))
            + Math.signum(Encoding.hashed("grade", "B", 1))}, e.values());

    Encoding wide = Encoding.plan(summarize(ROWS), 100, 1 << 20, i -> "f" + i);
    assertEquals(1 + (1 << 20), wide.dimension());
    e = encode(wide, "purple,1,A,0");
    int[] p = Murmur3Oracle.feature("color=purple", 1 << 20);
    int[] a = Murmur3Oracle.feature("grade=A", 1 << 20);
    int[] order = p[0] < a[0] ? new int[] {p[0], a[0]} : new int[] {a[0], p[0]};
    assertArrayEquals(new int[] {0, 1 + order[0], 1 + order[1]}, e.indices());
    ObjectMapper json = new ObjectMapper();
    Encoding back = Encoding.fromJson(json.readTree(json.writeValueAsString(wide.toJson())));
    assertEquals(wide.featureNames(), back.featureNames());
    assertArrayEquals(e.values(), encode(back, "purple,1,A,0").values());
  }
}
