package io.drover.jobs.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.gd.GdResumeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Resume after a killed driver, as {@link GdResumeTest} does it for gd: a separate driver JVM is
 * killed with SIGKILL after its third committed iteration; the same command then resumes and writes
 * the same centers.json bytes as an uninterrupted run. a9a (LIBSVM, 123 features) is cut into 6
 * chunks, so 6 map tasks on 2 slots send their partials in varying order and only the fixed order
 * of addition in the reducer keeps the bits. The killed and resumed runs take the default path
 * (map, combiner, reduce); the uninterrupted one is forced map-only, so the test also holds the
 * two paths to the same bytes.
 */
class KMeansResumeTest {
  static final String CHUNK = "drover.gd.chunk.bytes=1000000";

  static String[] args(String... tail) {
    List<String> a =
        new ArrayList<>(List.of("-D", CHUNK, "--k", "5", "--max-iter", "8", "--tol", "0"));
    a.addAll(List.of(tail));
    return a.toArray(new String[0]);
  }

  @Test
  void aDriverKilledMidRunResumesToTheSameCenters() throws Exception {
    Path a9a = TestData.path("classification/a9a");
    Path work = TestDirs.fresh("kmeans-resume");
    Configuration conf = LocalConf.create();
    Path straight = work.resolve("straight");
    Path resumed = work.resolve("resumed");

    KMeansRun.Run r =
        KMeansRun.run(
            conf,
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("-D", "drover.kmeans.reduce=false"),
                    java.util.stream.Stream.of(args(a9a.toString(), straight.toString())))
                .toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("kmeans: each iteration is map-only"), r.err());
    assertEquals(6, GdResumeTest.countChunks(straight.resolve("data")));

    GdResumeTest.killAfter(
        KMeans.class, "kmeans: iteration 3/8 ", args(a9a.toString(), resumed.toString()));
    assertTrue(
        !Files.exists(resumed.resolve("_SUCCESS"))
            && !Files.exists(resumed.resolve("centers.json")));
    Path iterations = resumed.resolve("iterations");
    int latest = GdResumeTest.latestCommitted(iterations);
    assertTrue(latest >= 3 && latest < 8, "latest committed " + latest);

    // a changed parameter is refused, naming it; nothing is touched
    KMeansRun.Run changed =
        KMeansRun.run(conf, args("--seed", "5", a9a.toString(), resumed.toString()));
    assertEquals(2, changed.code(), changed.err());
    assertTrue(
        changed.err().contains("--seed (the unfinished run used 42, this command 5)"),
        changed.err());
    assertEquals(latest, GdResumeTest.latestCommitted(iterations));

    // the newest checkpoint loses its _SUCCESS: it must be ignored and computed again
    Files.delete(iterations.resolve(String.format("iter-%05d", latest)).resolve("_SUCCESS"));

    KMeansRun.Run again = KMeansRun.run(conf, args(a9a.toString(), resumed.toString()));
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("resuming the unfinished run"), again.err());
    assertTrue(again.err().contains("through a combiner to 1 reducer"), again.err());
    assertTrue(!again.err().contains("parsing"), "the training set is reused: " + again.err());
    assertTrue(!again.err().contains("k-means++"), "no new start: " + again.err());
    assertTrue(again.err().contains("kmeans: iteration " + latest + "/8 "), again.err());
    assertTrue(!again.err().contains("kmeans: iteration " + (latest - 1) + "/8 "), again.err());

    assertArrayEquals(
        Files.readAllBytes(straight.resolve("iterations/iter-00008/state.bin")),
        Files.readAllBytes(resumed.resolve("iterations/iter-00008/state.bin")));
    assertArrayEquals(
        Files.readAllBytes(straight.resolve("centers.json")),
        Files.readAllBytes(resumed.resolve("centers.json")));
    // and both equal the oracle: the chunking changes nothing beyond rounding
    KMeansOracle.Fit want = KMeansOracle.libsvm(a9a, 123).fit(5, 42, false, 8, 0);
    KMeansRun.assertClose(want.centers(), KMeansRun.centers(resumed));
    assertArrayEquals(want.sizes(), KMeansRun.sizes(resumed));
    assertEquals(9, Files.readAllLines(resumed.resolve("history.csv")).size());

    KMeansRun.Run finished = KMeansRun.run(conf, args(a9a.toString(), resumed.toString()));
    assertEquals(2, finished.code(), finished.err());
    assertTrue(finished.err().contains("holds a finished run; pass --overwrite"), finished.err());
  }
}
