package io.drover.jobs.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * kmeans end to end on LocalJobRunner over the UCI power plant data (9,568 rows, BOM and CRLF),
 * against {@link KMeansOracle}: the same k-means++ start and Lloyd's steps done in memory.
 */
class KMeansLocalTest {
  static final Configuration CONF = LocalConf.create();

  @Test
  void centersSizesAndCostsEqualTheOracleOnEveryColumn() throws Exception {
    Path ccpp = TestData.path("regression/ccpp.csv");
    Path out = TestDirs.fresh("kmeans-ccpp").resolve("out");
    KMeansRun.Run r =
        KMeansRun.run(
            CONF, "--k", "4", "--max-iter", "6", "--tol", "0", ccpp.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    KMeansOracle.Fit want = KMeansOracle.csv(ccpp, null).fit(4, 42, false, 6, 0);
    KMeansRun.assertClose(want.centers(), KMeansRun.centers(out));
    assertArrayEquals(want.sizes(), KMeansRun.sizes(out));
    JsonNode j = KMeansRun.centersJson(out);
    KMeansRun.assertClose(want.cost(), j.get("cost").asDouble(), "final cost");
    List<Double> costs = KMeansRun.costs(out);
    assertEquals(6, costs.size());
    for (int t = 0; t < 6; t++) {
      KMeansRun.assertClose(want.history().get(t), costs.get(t), "cost of iteration " + (t + 1));
    }
    assertEquals(9568, j.get("records").asLong());
    assertEquals(
        List.of("temperature", "vacuum", "pressure", "humidity", "energy"),
        List.of(
            j.get("feature_names").get(0).asText(),
            j.get("feature_names").get(1).asText(),
            j.get("feature_names").get(2).asText(),
            j.get("feature_names").get(3).asText(),
            j.get("feature_names").get(4).asText()));
    assertEquals("max-iter", j.get("stop").asText());
    assertTrue(r.err().contains("kmeans: iteration 6/6 "), r.err());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    byte[] png = Files.readAllBytes(out.resolve("cost.png"));
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");
  }

  @Test
  void standardizedOnChosenColumnsUntilConverged() throws Exception {
    Path ccpp = TestData.path("regression/ccpp.csv");
    Path out = TestDirs.fresh("kmeans-ccpp-z").resolve("out");
    List<String> cols = List.of("temperature", "vacuum", "pressure", "humidity");
    KMeansRun.Run r =
        KMeansRun.run(
            CONF,
            "--k",
            "3",
            "--seed",
            "7",
            "--standardize",
            "--features",
            String.join(",", cols),
            "--max-iter",
            "100",
            "--tol",
            "1e-4",
            ccpp.toString(),
            out.toString());
    assertEquals(0, r.code(), r.err());
    KMeansOracle.Fit want = KMeansOracle.csv(ccpp, cols).fit(3, 7, true, 100, 1e-4);
    assertTrue(want.iterations() < 100, "the oracle converges: " + want.iterations());
    JsonNode j = KMeansRun.centersJson(out);
    assertEquals(want.iterations(), j.get("iterations").asInt());
    assertEquals("converged", j.get("stop").asText());
    // Spark's rule: the first iteration in which no center moved more than --tol
    List<Double> moves = KMeansRun.maxMoves(out);
    assertEquals(want.iterations(), moves.size());
    assertTrue(moves.get(moves.size() - 1) <= 1e-4, moves.toString());
    assertTrue(moves.subList(0, moves.size() - 1).stream().allMatch(m -> m > 1e-4), moves.toString());
    KMeansRun.assertClose(want.centers(), KMeansRun.centers(out));
    assertArrayEquals(want.sizes(), KMeansRun.sizes(out));
    KMeansRun.assertClose(want.cost(), j.get("cost").asDouble(), "final cost");
  }
}
