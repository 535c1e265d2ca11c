package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

/**
 * A dead driver's iteration job that commits late: the resumed run's jobs write to their own
 * attempt's dir, so they never read what the dead driver's job left, and that is swept.
 */
class GdStaleAttemptTest {
  /**
   * Each iteration job is noted in the run's work dir beside the output ({@code _jobs/}), so that
   * a later run that finds this driver dead stops its jobs still running on YARN before it sweeps
   * (OutputCommit, proved on the mini cluster by FaultsClusterIT for any program).
   */
  @Test
  void everyIterationJobIsNotedForALaterRunToStop() throws Exception {
    Path work = TestDirs.fresh("gd-jobs-noted");
    Configuration conf = LocalConf.create();
    Path in = work.resolve("train.svm");
    Files.write(in, Files.readAllLines(TestData.path("classification/a9a")).subList(0, 100));
    Path out = work.resolve("model");
    List<Integer> noted = new java.util.ArrayList<>();
    LogReg tool = new LogReg();
    tool.afterIterationJob =
        (t, dir) -> {
          try (var s = Files.list(work)) {
            List<Path> dirs = s.filter(p -> p.getFileName().toString().startsWith(".model.drover-"))
                .toList();
            assertEquals(1, dirs.size(), "one work dir: " + dirs);
            try (var jobs = Files.list(dirs.get(0).resolve("_jobs"))) {
              List<String> ids = jobs.map(p -> p.getFileName().toString())
                  .filter(n -> !n.startsWith(".")).toList(); // not the local FS's .crc files
              assertTrue(ids.stream().allMatch(id -> id.startsWith("job_")), ids.toString());
              noted.add(ids.size());
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    GdRun.Run r = GdRun.run(conf, tool, "--max-iter", "3", "--tol", "0", in.toString(),
        out.toString());
    assertEquals(0, r.code(), r.err());
    // the parse job, then one more per iteration
    assertEquals(List.of(2, 3, 4), noted);
  }

  @Test
  void aDeadDriversLateJobOutputIsNeverReadAndIsSwept() throws Exception {
    Path work = TestDirs.fresh("gd-stale-attempt");
    Configuration conf = LocalConf.create();
    Path in = work.resolve("train.svm");
    Files.write(in, Files.readAllLines(TestData.path("classification/a9a")).subList(0, 200));
    Path straight = work.resolve("straight");
    Path resumed = work.resolve("resumed");
    String[] flags = {"--max-iter", "6", "--tol", "0", in.toString()};

    GdRun.Run s = GdRun.run(conf, new LogReg(), plusOut(flags, straight));
    assertEquals(0, s.code(), s.err());

    // driver A: keeps a copy of its iteration 3 job output, then dies right after its iteration 4
    // job committed (before reading it), as a SIGKILLed driver would
    Path saved = work.resolve("iter-3-output");
    AtomicReference<org.apache.hadoop.fs.Path> deadDir = new AtomicReference<>();
    LogReg a = new LogReg();
    a.afterIterationJob =
        (t, dir) -> {
          if (t == 3) {
            copy(conf, dir, saved);
          } else if (t == 4) {
            deadDir.set(dir);
            throw new IllegalStateException("driver A killed");
          }
        };
    assertThrows(IllegalStateException.class, () -> GdRun.run(conf, a, plusOut(flags, resumed)));
    assertNotNull(deadDir.get());
    assertTrue(Files.exists(Path.of(deadDir.get().toUri()).resolve("part-m-00000")));

    // driver B resumes; while its iteration 4 job runs, A's job "commits" again into A's dir: an
    // output with other numbers (iteration 3's) that must not change anything
    AtomicReference<Boolean> sweptAtStart = new AtomicReference<>();
    LogReg b = new LogReg();
    b.afterIterationJob =
        (t, dir) -> {
          if (t == 4) {
            Path stale = Path.of(deadDir.get().toUri());
            sweptAtStart.set(!Files.exists(stale));
            copy(conf, new org.apache.hadoop.fs.Path(saved.toUri()), stale);
          }
        };
    GdRun.Run again = GdRun.run(conf, b, plusOut(flags, resumed));
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("resuming the unfinished run"), again.err());
    assertArrayEquals(
        Files.readAllBytes(straight.resolve("iterations/iter-00006/state.bin")),
        Files.readAllBytes(resumed.resolve("iterations/iter-00006/state.bin")));
    assertArrayEquals(GdRun.weights(straight), GdRun.weights(resumed));
    assertTrue(sweptAtStart.get(), "the dead attempt's output was still there: " + deadDir.get());
    assertFalse(Files.exists(resumed.resolve(GdTool.WORK)), "the work dir is swept at the end");
  }

  static String[] plusOut(String[] flags, Path out) {
    List<String> a = new java.util.ArrayList<>(List.of(flags));
    a.add(out.toString());
    return a.toArray(new String[0]);
  }

  /** Replaces {@code to} with a copy of the dir {@code from}. */
  static void copy(Configuration conf, org.apache.hadoop.fs.Path from, Path to) {
    try {
      FileSystem fs = from.getFileSystem(conf);
      org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(to.toUri());
      fs.delete(dst, true);
      org.apache.hadoop.fs.FileUtil.copy(fs, from, fs, dst, false, conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
