package io.drover.jobs.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.run.RunOwner;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * --overwrite of logreg/linreg/svm and predict goes through OutputCommit: the old output waits in
 * the run's work dir, which the next run sweeps when its client was killed; only job outputs are
 * replaced without --overwrite=force; an output under a file is a usage error.
 */
class GdOverwriteTest {
  Path work;
  Path in;
  Path out;
  Configuration conf = LocalConf.create();

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("gd-overwrite");
    in = work.resolve("train.svm");
    Files.write(in, Files.readAllLines(TestData.path("classification/a9a")).subList(0, 100));
    out = work.resolve("out");
  }

  String[] args(String... first) {
    List<String> all = new java.util.ArrayList<>(List.of(first));
    all.addAll(List.of("--max-iter", "2", "--tol", "0", in.toString(), out.toString()));
    return all.toArray(new String[0]);
  }

  List<String> listing() throws Exception {
    try (var s = Files.list(work)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * What a client SIGKILLed during an --overwrite run leaves: its work dir with the old output,
   * and (when it got that far) its own unfinished output in place.
   */
  Path killedOverwrite(boolean newOutputStarted) throws Exception {
    Path dead = Files.createDirectories(work.resolve(".out.drover-dead"));
    Path replaced = dead.resolve("replaced");
    if (newOutputStarted) {
      try (var files = Files.walk(out)) {
        for (Path p : files.toList()) {
          Files.copy(p, replaced.resolve(out.relativize(p).toString()));
        }
      }
      GdRestartTest.unfinish(out);
    } else {
      Files.move(out, replaced);
    }
    Path owner = Files.writeString(dead.resolve("_owner"), "elsewhere 1 1\n");
    Files.setLastModifiedTime(owner,
        FileTime.fromMillis(System.currentTimeMillis() - RunOwner.LEASE_MS - 1000));
    return dead;
  }

  @Test
  void theOldOutputOfAKilledOverwriteRunIsSweptOnceTheNewRunIsInPlace() throws Exception {
    assertEquals(0, GdRun.run(conf, new LogReg(), args()).code());
    killedOverwrite(true);
    GdRun.Run resumed = GdRun.run(conf, new LogReg(), args());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.err().contains("resuming"), resumed.err());
    assertEquals(List.of("out", "train.svm"), listing(), "the old copy is swept");
  }

  @Test
  void theOldOutputOfARunKilledBeforeItWroteAnythingIsPutBack() throws Exception {
    assertEquals(0, GdRun.run(conf, new LogReg(), args()).code());
    String model = Files.readString(out.resolve("model.json"));
    killedOverwrite(false);
    GdRun.Run again = GdRun.run(conf, new LogReg(), args());
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains("holds a finished run; pass --overwrite"), again.err());
    assertEquals(model, Files.readString(out.resolve("model.json")));
    assertEquals(List.of("out", "train.svm"), listing());
  }

  @Test
  void aSuccessfulOverwriteLeavesNoCopyBehindAndAForeignDirNeedsForce() throws Exception {
    assertEquals(0, GdRun.run(conf, new LogReg(), args()).code());
    GdRun.Run over = GdRun.run(conf, new LogReg(), args("--overwrite"));
    assertEquals(0, over.code(), over.err());
    assertEquals(List.of("out", "train.svm"), listing());

    Path mine = Files.createDirectories(work.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "keep");
    out = mine;
    GdRun.Run refused = GdRun.run(conf, new LogReg(), args("--overwrite"));
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("is not a job output (no _SUCCESS, no part files) and holds"
        + " notes.txt; --overwrite replaces only a previous job output: pass --overwrite=force"),
        refused.err());
    assertEquals("keep", Files.readString(mine.resolve("notes.txt")));
    GdRun.Run forced = GdRun.run(conf, new LogReg(), args("--overwrite=force"));
    assertEquals(0, forced.code(), forced.err());
    assertFalse(Files.exists(mine.resolve("notes.txt")));
    assertTrue(Files.exists(mine.resolve("model.json")));
  }

  @Test
  void anOutputUnderAFileIsAUsageErrorForTrainingAndPredict() throws Exception {
    out = in.resolve("model");
    GdRun.Run r = GdRun.run(conf, new LogReg(), args());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("logreg: output file:" + out + " cannot be created: file:" + in
        + " is a file, not a directory"), r.err());
    assertEquals(List.of("train.svm"), listing());

    out = work.resolve("model");
    assertEquals(0, GdRun.run(conf, new LogReg(), args()).code());
    Path mine = Files.createDirectories(work.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "keep");
    Configuration c = new Configuration(conf);
    assertEquals(2, ToolRunner.run(c, new Predict(), new String[] {out.toString(), in.toString(),
        in.resolve("preds").toString()}));
    assertEquals(2, ToolRunner.run(c, new Predict(), new String[] {"--overwrite", out.toString(),
        in.toString(), mine.toString()}));
    assertEquals("keep", Files.readString(mine.resolve("notes.txt")));
    assertEquals(0, ToolRunner.run(c, new Predict(), new String[] {"--overwrite=force",
        out.toString(), in.toString(), mine.toString()}));
    assertTrue(Files.exists(mine.resolve("part-m-00000")));
  }
}
