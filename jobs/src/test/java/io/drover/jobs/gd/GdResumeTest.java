package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Resume after a killed driver: a separate driver JVM is killed with SIGKILL after its third
 * committed iteration; the same command then resumes and ends with the same bytes as an
 * uninterrupted run. The training set is cut into 6 chunks (6 map tasks on 2 slots), so the
 * partials arrive in varying order and only the fixed summation order keeps the bits.
 */
public class GdResumeTest {
  static final String[] FLAGS = {"--no-standardize", "--max-iter", "8", "--tol", "0"};
  static final String CHUNK = "drover.gd.chunk.bytes=1000000";

  static String[] args(String... tail) {
    List<String> a = new ArrayList<>(List.of("-D", CHUNK));
    a.addAll(List.of(FLAGS));
    a.addAll(List.of(tail));
    return a.toArray(new String[0]);
  }

  /** The LocalConf settings as generic options for a separate JVM. */
  /**
   * Runs {@code main} with {@code args} in a JVM of its own on the local configuration and kills
   * it with SIGKILL as soon as it prints a line starting with {@code line} (the iteration line
   * after which a resume is tested); fails if it never does. Returns what it printed.
   */
  public static String killAfter(Class<?> main, String line, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + TestDirs.target().resolve("tmp"),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    cmd.addAll(localConfOptions());
    cmd.addAll(List.of(args));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder seen = new StringBuilder();
    boolean killed = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String l;
      while ((l = out.readLine()) != null) {
        seen.append(l).append('\n');
        if (l.startsWith(line)) {
          child.destroyForcibly(); // SIGKILL
          killed = true;
          break;
        }
      }
    }
    child.waitFor();
    assertTrue(killed, "no line '" + line + "' before the end:\n" + seen);
    return seen.toString();
  }

  public static List<String> localConfOptions() {
    List<String> out = new ArrayList<>();
    Configuration c = LocalConf.create();
    for (String k :
        new String[] {
          "fs.defaultFS",
          "mapreduce.framework.name",
          "hadoop.tmp.dir",
          "mapreduce.jobtracker.staging.root.dir",
          "mapreduce.cluster.local.dir",
          "mapreduce.local.map.tasks.maximum",
          "mapreduce.client.completion.pollinterval"
        }) {
      out.add("-D");
      out.add(k + "=" + c.get(k));
    }
    return out;
  }

  @Test
  void aDriverKilledMidRunResumesToTheSameBytes() throws Exception {
    Path a9a = TestData.path("classification/a9a");
    Path work = TestDirs.fresh("resume");
    Configuration conf = LocalConf.create();
    Path straight = work.resolve("straight");
    Path resumed = work.resolve("resumed");

    GdRun.Run r = GdRun.run(conf, new LogReg(), args(a9a.toString(), straight.toString()));
    assertEquals(0, r.code(), r.err());
    assertEquals(6, countChunks(straight.resolve("data")));

    killAfter(LogReg.class, "logreg: iteration 3/8 ", args(a9a.toString(), resumed.toString()));
    assertTrue(
        !Files.exists(resumed.resolve("_SUCCESS")) && !Files.exists(resumed.resolve("model.json")));
    Path iterations = resumed.resolve("iterations");
    int latest = latestCommitted(iterations);
    assertTrue(latest >= 3 && latest < 8, "latest committed " + latest);

    // a changed parameter is refused, naming it; nothing is touched
    GdRun.Run changed =
        GdRun.run(conf, new LogReg(), args("--step", "0.5", a9a.toString(), resumed.toString()));
    assertEquals(2, changed.code(), changed.err());
    assertTrue(
        changed.err().contains("--step (the unfinished run used 1.0, this command 0.5)"),
        changed.err());
    assertEquals(latest, latestCommitted(iterations));

    // the newest checkpoint loses its _SUCCESS: it must be ignored and computed again
    Files.delete(iterations.resolve(String.format("iter-%05d", latest)).resolve("_SUCCESS"));

    GdRun.Run again = GdRun.run(conf, new LogReg(), args(a9a.toString(), resumed.toString()));
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("resuming the unfinished run"), again.err());
    assertTrue(!again.err().contains("parsing"), "the training set is reused: " + again.err());
    assertTrue(again.err().contains("logreg: iteration " + latest + "/8 "), again.err());
    assertTrue(!again.err().contains("logreg: iteration " + (latest - 1) + "/8 "), again.err());
    // the run manifest says so, and lists the jobs of this run only
    com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(resumed.resolve("_drover/manifest.json").toFile());
    assertEquals("resumed an unfinished run after its iteration " + (latest - 1) + "; the jobs"
        + " before ran in that run and are not listed here", m.get("notes").get(0).asText());
    assertEquals("drover gd iteration " + latest, m.get("jobs").get(0).get("name").asText());
    assertEquals(9 - latest, m.get("jobs").size());

    byte[] expected = Files.readAllBytes(straight.resolve("iterations/iter-00008/state.bin"));
    assertArrayEquals(
        expected, Files.readAllBytes(resumed.resolve("iterations/iter-00008/state.bin")));
    assertArrayEquals(GdRun.weights(straight), GdRun.weights(resumed));
    // and both equal the oracle: the chunking changes nothing beyond rounding
    GdRun.assertClose(GdOracle.libsvm(a9a, 123).train(true, 1, 1.0, 8, 0), GdRun.weights(resumed));
    assertEquals(9, Files.readAllLines(resumed.resolve("history.csv")).size());

    GdRun.Run finished = GdRun.run(conf, new LogReg(), args(a9a.toString(), resumed.toString()));
    assertEquals(2, finished.code(), finished.err());
    assertTrue(finished.err().contains("holds a finished run; pass --overwrite"), finished.err());
  }

  public static long countChunks(Path data) throws Exception {
    try (var s = Files.list(data)) {
      return s.filter(p -> p.getFileName().toString().matches("part-\\d{5}-\\d{4}\\.bin")).count();
    }
  }

  public static int latestCommitted(Path iterations) throws Exception {
    int best = -1;
    try (var s = Files.list(iterations)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.matches("iter-\\d{5}") && Files.exists(p.resolve("_SUCCESS"))) {
          best = Math.max(best, Integer.parseInt(n.substring(5)));
        }
      }
    }
    return best;
  }
}
