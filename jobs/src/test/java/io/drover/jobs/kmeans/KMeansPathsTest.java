package io.drover.jobs.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.gd.GdResumeTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;

/**
 * The two ways of adding an iteration's partials, end to end on the LocalJobRunner: map-only (the
 * driver adds them) and map, combiner, shuffle, reduce (the default; with 1 and 3 reducers). a9a in 6 chunks, so
 * 6 map tasks on 2 slots finish in varying order; all three runs write byte-identical centers.json
 * and checkpoints, equal to {@link KMeansOracle}.
 */
class KMeansPathsTest {
  static final Configuration CONF = LocalConf.create();

  static String[] args(String path, String reducers, Path in, Path out) {
    List<String> a = new ArrayList<>(List.of("-D", "drover.gd.chunk.bytes=1000000"));
    if (path != null) {
      a.addAll(List.of("-D", "drover.kmeans.reduce=" + path));
    }
    if (reducers != null) {
      a.addAll(List.of("-D", "mapreduce.job.reduces=" + reducers));
    }
    a.addAll(
        List.of("--k", "5", "--max-iter", "5", "--tol", "0", in.toString(), out.toString()));
    return a.toArray(new String[0]);
  }

  @Test
  void mapOnlyAndReduceWithOneOrThreeReducersWriteTheSameBytes() throws Exception {
    Path a9a = TestData.path("classification/a9a");
    Path work = TestDirs.fresh("kmeans-paths");
    Path mapOnly = work.resolve("map-only");
    Path reduce = work.resolve("reduce");
    Path reduce3 = work.resolve("reduce-3");

    KMeansRun.Run m = KMeansRun.run(CONF, args("false", null, a9a, mapOnly));
    assertEquals(0, m.code(), m.err());
    assertTrue(m.err().contains("kmeans: each iteration is map-only"), m.err());
    assertEquals(6, GdResumeTest.countChunks(mapOnly.resolve("data")));
    KMeansRun.Run r = KMeansRun.run(CONF, args(null, null, a9a, reduce)); // the default
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("through a combiner to 1 reducer"), r.err());
    KMeansRun.Run r3 = KMeansRun.run(CONF, args("true", "3", a9a, reduce3));
    assertEquals(0, r3.code(), r3.err());
    assertTrue(r3.err().contains("through a combiner to 3 reducers"), r3.err());

    byte[] want = Files.readAllBytes(mapOnly.resolve("centers.json"));
    for (Path p : List.of(reduce, reduce3)) {
      assertArrayEquals(want, Files.readAllBytes(p.resolve("centers.json")), p.toString());
      for (int t = 0; t <= 5; t++) {
        String s = String.format("iterations/iter-%05d/state.bin", t);
        assertArrayEquals(
            Files.readAllBytes(mapOnly.resolve(s)), Files.readAllBytes(p.resolve(s)), p + " " + s);
      }
      assertEquals(KMeansRun.costs(mapOnly), KMeansRun.costs(p), "history.csv's costs");
    }
    KMeansOracle.Fit oracle = KMeansOracle.libsvm(a9a, 123).fit(5, 42, false, 5, 0);
    KMeansRun.assertClose(oracle.centers(), KMeansRun.centers(reduce));
    assertArrayEquals(oracle.sizes(), KMeansRun.sizes(reduce));

    // kmeans-evaluate either way: the same figures, the model's sizes and cost
    Map<String, Object> byMaps = evaluate("false", reduce, a9a);
    Map<String, Object> byReducers = evaluate("true", reduce, a9a);
    assertEquals(byMaps, byReducers);
    // evaluate's partials are per input file (one here), training's per chunk (6): the last bits
    KMeansRun.assertClose(
        KMeansRun.centersJson(reduce).get("cost").asDouble(),
        (Double) byReducers.get("wssse"),
        "wssse");
  }

  static Map<String, Object> evaluate(String path, Path model, Path in) throws Exception {
    KMeansEvaluate ev = new KMeansEvaluate();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ev.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code =
        ToolRunner.run(
            new Configuration(CONF),
            ev,
            new String[] {
              "-D", "drover.kmeans.reduce=" + path, "-D", "mapreduce.job.reduces=2",
              model.toString(), in.toString()
            });
    assertEquals(0, code, bytes.toString(StandardCharsets.UTF_8));
    return ev.metrics();
  }

  @Test
  void aBadPathValueIsAUsageErrorAndWritesNothing() throws Exception {
    Path out = TestDirs.fresh("kmeans-paths-bad").resolve("out");
    KMeansRun.Run r =
        KMeansRun.run(
            CONF,
            "-D",
            "drover.kmeans.reduce=yes",
            "--k",
            "2",
            TestData.path("regression/ccpp.csv").toString(),
            out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("-D drover.kmeans.reduce=yes: true or false"), r.err());
    assertTrue(!Files.exists(out), "nothing written");
  }
}
