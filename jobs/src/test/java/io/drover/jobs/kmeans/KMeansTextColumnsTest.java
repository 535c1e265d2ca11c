package io.drover.jobs.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * A CSV with an id column and a text column beside numeric ones, some numbers missing: kmeans
 * without --features clusters the numeric columns only, a missing number replaced by its
 * column's mean, and equals {@link KMeansOracle} fed the rows that this test imputes itself.
 */
class KMeansTextColumnsTest {
  static final Configuration CONF = LocalConf.create();
  static final List<String> NUMERIC = List.of("temperature", "vacuum", "pressure", "humidity");

  @Test
  void textColumnsAreLeftOutAndMissingNumbersImputed() throws Exception {
    double[][] ccpp =
        KMeansOracle.csv(TestData.path("regression/ccpp.csv"), NUMERIC).x;
    int n = 600;
    Path work = TestDirs.fresh("kmeans-text");
    Path csv = work.resolve("plants.csv");
    StringBuilder b = new StringBuilder("id,temperature,vacuum,city,pressure,humidity\n");
    double[][] rows = new double[n][];
    boolean[][] gone = new boolean[n][4];
    for (int i = 0; i < n; i++) {
      rows[i] = ccpp[i].clone();
      b.append("plant-").append(i);
      for (int j = 0; j < 4; j++) {
        gone[i][j] = (i * 7 + j * 3) % 41 == 0;
        String v = gone[i][j] ? (i % 2 == 0 ? "?" : "") : Double.toString(ccpp[i][j]);
        if (j == 2) {
          b.append(',').append(i % 3 == 0 ? "\"Paris, FR\"" : "Oslo");
        }
        b.append(',').append(v);
      }
      b.append('\n');
    }
    Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
    long missing = 0;
    for (int j = 0; j < 4; j++) {
      double sum = 0;
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (!gone[i][j]) {
          sum += rows[i][j];
          count++;
        }
      }
      for (int i = 0; i < n; i++) {
        if (gone[i][j]) {
          rows[i][j] = sum / count;
          missing++;
        }
      }
    }
    assertTrue(missing > 20, "the file has missing numbers: " + missing);

    Path out = work.resolve("out");
    KMeansRun.Run r =
        KMeansRun.run(
            CONF, "--k", "3", "--max-iter", "5", "--tol", "0", csv.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "kmeans: using 4 numeric columns; left out 2 text columns: id ('plant-0',"
                    + " plants.csv line 2), city ('Paris, FR', plants.csv line 2); "
                    + missing
                    + " missing values (? or empty) in 4 columns replaced by the column's mean\n"),
        r.err());
    KMeansOracle.Fit want = new KMeansOracle(rows).fit(3, 42, false, 5, 0);
    KMeansRun.assertClose(want.centers(), KMeansRun.centers(out));
    assertArrayEquals(want.sizes(), KMeansRun.sizes(out));
    JsonNode j = KMeansRun.centersJson(out);
    KMeansRun.assertClose(want.cost(), j.get("cost").asDouble(), "final cost");
    List<String> names = new ArrayList<>();
    j.get("feature_names").forEach(v -> names.add(v.asText()));
    assertEquals(NUMERIC, names);
    List<String> left = new ArrayList<>();
    j.get("left_out_columns").forEach(v -> left.add(v.asText()));
    assertEquals(List.of("id", "city"), left);
    assertEquals(4, j.get("impute").size());

    // kmeans-evaluate reads the file as training did: the same cost, missing numbers imputed
    KMeansEvaluate ev = new KMeansEvaluate();
    KMeansScoringTest.Out e = KMeansScoringTest.run(ev, out.toString(), csv.toString());
    assertEquals(0, e.code(), e.err());
    assertEquals((long) n, ev.metrics().get("records"));
    KMeansRun.assertClose(want.cost(), (Double) ev.metrics().get("wssse"), "evaluate's cost");
  }
}
