package io.drover.jobs.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad command lines and bad input: exit 2, one message naming the flag or file, no output. */
class KMeansBadInputTest {
  static final Configuration CONF = LocalConf.create();
  static Path work;
  static Path csv;
  static Path libsvm;

  @BeforeAll
  static void setUp() throws Exception {
    work = TestDirs.fresh("kmeans-bad");
    csv = work.resolve("points.csv");
    Files.writeString(csv, "a,b\n1,1\n1,1\n5,5\n5,5\n", StandardCharsets.UTF_8);
    libsvm = work.resolve("points.txt");
    Files.writeString(libsvm, "1 1:1 2:1\n0 1:5\n0 2:3\n", StandardCharsets.UTF_8);
  }

  static void refused(String says, String... args) throws Exception {
    Path out = work.resolve("out");
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = out.toString();
    KMeansRun.Run r = KMeansRun.run(CONF, all);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("kmeans: "), r.err());
    assertTrue(r.err().contains(says), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(out), "nothing is written: " + r.err());
  }

  @Test
  void flags() throws Exception {
    refused("missing --k", csv.toString());
    refused("option --k: 0 is below the minimum 1", "--k", "0", csv.toString());
    refused("option --k: 'two' is not a whole number", "--k", "two", csv.toString());
    refused("option --label", "--k", "2", "--label", "a", csv.toString());
    refused("--features are for csv", "--k", "2", "--features", "1", libsvm.toString());
    refused("option --seed", "--k", "2", "--seed", "x", csv.toString());
    refused("option --tol", "--k", "2", "--tol", "-1", csv.toString());
  }

  @Test
  void data() throws Exception {
    refused("only 4 records, fewer than --k 5", "--k", "5", csv.toString());
    refused(
        "the points have only 2 distinct values, fewer than k=3: lower --k; nothing was written",
        "--k",
        "3",
        csv.toString());
    refused("no column 'c' named in --features", "--k", "2", "--features", "a,c", csv.toString());
    Path text = work.resolve("text.csv");
    Files.writeString(text, "a,name\n1,x\n2,y\n", StandardCharsets.UTF_8);
    // a text column named in --features is refused (without --features it is left out)
    refused(
        "text.csv line 2: column 'name' 'x' is not a number",
        "--k",
        "2",
        "--features",
        "a,name",
        text.toString());
    Path allText = work.resolve("all-text.csv");
    Files.writeString(allText, "name,city\nx,y\nz,w\n", StandardCharsets.UTF_8);
    refused("no numeric column in", "--k", "2", allText.toString());
  }

  @Test
  void libsvmPointsIgnoreTheLabel() throws Exception {
    Path out = TestDirs.fresh("kmeans-libsvm").resolve("out");
    KMeansRun.Run r =
        KMeansRun.run(
            CONF, "--k", "3", "--tol", "0", "--max-iter", "2", libsvm.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    double[][] c = KMeansRun.centers(out);
    java.util.Set<String> got = new java.util.TreeSet<>();
    for (double[] v : c) {
      got.add(java.util.Arrays.toString(v));
    }
    assertEquals(java.util.Set.of("[1.0, 1.0]", "[5.0, 0.0]", "[0.0, 3.0]"), got);
  }
}
