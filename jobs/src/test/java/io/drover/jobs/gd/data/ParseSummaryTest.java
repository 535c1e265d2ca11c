package io.drover.jobs.gd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParseSummaryTest {
  static Example ex(double y, int[] idx, double[] val) {
    return new Example(y, idx, val);
  }

  static final List<Example> ROWS =
      List.of(
          ex(1, new int[] {0, 2}, new double[] {2, -1}),
          ex(-1, new int[] {1}, new double[] {4}),
          ex(1, new int[] {0, 1, 2}, new double[] {6, 8, 3}),
          ex(7, new int[] {}, new double[] {}));

  @Test
  void statisticsCountAbsentSparseValuesAsZero() {
    ParseSummary s = new ParseSummary();
    for (int i = 0; i < ROWS.size(); i++) {
      s.add(ROWS.get(i), 0, i + 1);
    }
    assertEquals(4, s.records());
    assertEquals(3, s.dimension());
    // feature 0: values 2, 0, 6, 0
    assertEquals(2.0, s.mean(0));
    assertEquals(Math.sqrt((0 + 4 + 16 + 4) / 3.0), s.stddev(0), 1e-15);
    assertEquals(0.0, s.min(0));
    assertEquals(6.0, s.max(0));
    assertEquals(2, s.count(0));
    // feature 2: values -1, 0, 3, 0
    assertEquals(-1.0, s.min(2));
    assertEquals(3.0, s.max(2));
    assertEquals(Map.of(-1.0, 1L, 1.0, 2L, 7.0, 1L), s.labelCounts());
    assertEquals(new ParseSummary.Place(0, 4), s.labelFirstSeen().get(7.0));
  }

  @Test
  void mergingFilePartsInOrderEqualsOnePassAndRoundTrips() throws Exception {
    ParseSummary one = new ParseSummary();
    ParseSummary a = new ParseSummary();
    ParseSummary b = new ParseSummary();
    for (int i = 0; i < ROWS.size(); i++) {
      one.add(ROWS.get(i), i < 2 ? 0 : 1, i + 1);
      (i < 2 ? a : b).add(ROWS.get(i), i < 2 ? 0 : 1, i + 1);
    }
    b.fail(new ParseSummary.Error(1, "f1", 9, "bad"));
    a.fail(new ParseSummary.Error(0, "f0", 12, "worse"));
    ParseSummary merged = new ParseSummary();
    merged.merge(b);
    merged.merge(a);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    merged.write(new DataOutputStream(bytes));
    ParseSummary back = new ParseSummary();
    back.readFields(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    for (ParseSummary s : new ParseSummary[] {merged, back}) {
      assertEquals(one.records(), s.records());
      for (int j = 0; j < 3; j++) {
        assertEquals(one.mean(j), s.mean(j));
        assertEquals(one.stddev(j), s.stddev(j));
        assertEquals(one.min(j), s.min(j));
        assertEquals(one.max(j), s.max(j));
      }
      assertEquals(one.labelCounts(), s.labelCounts());
      assertEquals(one.labelFirstSeen(), s.labelFirstSeen());
      assertEquals("f0 line 12: worse", s.error().toString()); // the first file's error wins
    }
  }

  @Test
  void binaryRecordsRoundTripAndIndex() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    int size = 0;
    for (Example e : ROWS) {
      TrainingRecords.write(out, e);
      size += TrainingRecords.size(e);
    }
    assertEquals(size, bytes.size());
    List<String> seen = new ArrayList<>();
    long n =
        TrainingRecords.forEach(
            ByteBuffer.wrap(bytes.toByteArray()),
            (y, nnz, idx, val) -> {
              int[] i = java.util.Arrays.copyOf(idx, nnz);
              double[] v = java.util.Arrays.copyOf(val, nnz);
              seen.add(y + " " + java.util.Arrays.toString(i) + " " + java.util.Arrays.toString(v));
            });
    assertEquals(4, n);
    for (int k = 0; k < ROWS.size(); k++) {
      Example e = ROWS.get(k);
      assertEquals(
          e.label()
              + " "
              + java.util.Arrays.toString(e.indices())
              + " "
              + java.util.Arrays.toString(e.values()),
          seen.get(k));
    }
    List<Integer> offsets = new ArrayList<>();
    TrainingRecords.offsets(ByteBuffer.wrap(bytes.toByteArray()), offsets);
    assertEquals(List.of(0, 36, 60, 108), offsets);
    ByteBuffer third = ByteBuffer.wrap(bytes.toByteArray());
    third.position(60);
    TrainingRecords.forOne(
        third, (y, nnz, idx, val) -> assertArrayEquals(new double[] {6, 8, 3}, val));
  }
}
