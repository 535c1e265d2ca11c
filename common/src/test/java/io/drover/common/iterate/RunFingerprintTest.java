package io.drover.common.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.cli.UsageException;
import io.drover.common.testing.TestDirs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunFingerprintTest {
  FileSystem fs;
  Path out;

  @BeforeEach
  void setUp() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
    out = new Path(TestDirs.fresh("fp").toUri().toString(), "run");
  }

  static RunFingerprint fp(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new RunFingerprint(m);
  }

  @Test
  void roundTripsAndNamesTheFirstChangedParameter() {
    RunFingerprint a = fp("--step", "1.0", "--l2", "0.0");
    assertEquals(a.params(), RunFingerprint.parse(a.format()).params());
    assertTrue(a.firstDifference(fp("--step", "1.0", "--l2", "0.0")).isEmpty());
    assertEquals(
        "--l2 (the unfinished run used 0.1, this command 0.0)",
        a.firstDifference(fp("--step", "1.0", "--l2", "0.1")).get());
    assertEquals(
        "--seed (the unfinished run used 7, this command nothing)",
        a.firstDifference(fp("--step", "1.0", "--l2", "0.0", "--seed", "7")).get());
  }

  @Test
  void absentOutputIsAFreshRun() throws Exception {
    assertEquals(RunFingerprint.Start.FRESH, fp("a", "1").prepare(fs, out, false, false));
  }

  @Test
  void unfinishedRunWithTheSameParametersResumes() throws Exception {
    fs.mkdirs(out);
    fp("a", "1").write(fs, new Path(out, RunFingerprint.FILE));
    assertEquals(RunFingerprint.Start.RESUME, fp("a", "1").prepare(fs, out, false, false));
    assertTrue(fs.exists(out));
  }

  @Test
  void changedParameterIsRefusedNamingItUnlessRestart() throws Exception {
    fs.mkdirs(out);
    fp("--step", "1.0").write(fs, new Path(out, RunFingerprint.FILE));
    UsageException e =
        assertThrows(
            UsageException.class, () -> fp("--step", "0.5").prepare(fs, out, false, false));
    assertTrue(
        e.getMessage().contains("--step (the unfinished run used 1.0, this command 0.5)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--restart"), e.getMessage());
    assertEquals(RunFingerprint.Start.FRESH, fp("--step", "0.5").prepare(fs, out, true, false));
  }

  @Test
  void finishedOrForeignOutputIsRefusedUnlessOverwrite() throws Exception {
    fs.mkdirs(out);
    UsageException foreign =
        assertThrows(UsageException.class, () -> fp("a", "1").prepare(fs, out, true, false));
    assertTrue(foreign.getMessage().contains("not a Drover training run"), foreign.getMessage());
    fp("a", "1").write(fs, new Path(out, RunFingerprint.FILE));
    fs.create(new Path(out, RunFingerprint.FINISHED)).close();
    UsageException done =
        assertThrows(UsageException.class, () -> fp("a", "1").prepare(fs, out, true, false));
    assertTrue(done.getMessage().contains("finished run; pass --overwrite"), done.getMessage());
    assertEquals(RunFingerprint.Start.FRESH, fp("a", "1").prepare(fs, out, false, true));
    assertFalse(fs.exists(out));
  }
}
