package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import io.drover.common.testing.FailingRenameFileSystem;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutputCommitTest {
  Configuration conf = LocalConf.create();
  Path dir;
  org.apache.hadoop.fs.Path in;

  @BeforeEach
  void setUp() throws Exception {
    dir = TestDirs.fresh("commit");
    Files.writeString(dir.resolve("input.txt"), "x");
    in = new org.apache.hadoop.fs.Path(dir.resolve("input.txt").toUri());
  }

  org.apache.hadoop.fs.Path out(String name) {
    return new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
  }

  static void write(FileSystem fs, org.apache.hadoop.fs.Path p, String text) throws Exception {
    try (FSDataOutputStream o = fs.create(p)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void commitMovesTheStagedResultIntoPlaceAndLeavesNothingElse() throws Exception {
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), false, List.of(in))) {
      FileSystem fs = c.staging().getFileSystem(conf);
      write(fs, new org.apache.hadoop.fs.Path(c.staging(), "part-r-00000"), "a\t1\n");
      write(fs, new org.apache.hadoop.fs.Path(c.temp("counts"), "part"), "tmp");
      c.commit();
    }
    assertEquals("a\t1\n", Files.readString(dir.resolve("out/part-r-00000")));
    try (var s = Files.list(dir)) {
      assertEquals(List.of("input.txt", "out"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void withoutCommitNothingIsLeftBehind() throws Exception {
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), false, List.of(in))) {
      write(c.staging().getFileSystem(conf), new org.apache.hadoop.fs.Path(c.staging(), "part"), "half");
    }
    try (var s = Files.list(dir)) {
      assertEquals(List.of("input.txt"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void anExistingOutputIsRefusedUnlessOverwriteAndSurvivesAFailedRun() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/old"), "keep");
    Files.writeString(dir.resolve("out/_SUCCESS"), ""); // a job's output
    UsageException e =
        assertThrows(UsageException.class, () -> OutputCommit.prepare(conf, out("out"), false, List.of(in)));
    assertTrue(e.getMessage().contains("already exists; pass --overwrite"), e.getMessage());
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), true, List.of(in))) {
      write(c.staging().getFileSystem(conf), new org.apache.hadoop.fs.Path(c.staging(), "part"), "new");
      // no commit: the run failed
    }
    assertEquals("keep", Files.readString(dir.resolve("out/old")));
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), true, List.of(in))) {
      write(c.staging().getFileSystem(conf), new org.apache.hadoop.fs.Path(c.staging(), "part"), "new");
      c.commit();
    }
    assertFalse(Files.exists(dir.resolve("out/old")));
    assertEquals("new", Files.readString(dir.resolve("out/part")));
  }

  @Test
  void anOutputThatIsOrContainsAnInputIsRefusedEvenWithOverwrite() {
    UsageException same =
        assertThrows(UsageException.class, () -> OutputCommit.prepare(conf, in, true, List.of(in)));
    assertTrue(same.getMessage().contains("is or contains the input"), same.getMessage());
    org.apache.hadoop.fs.Path parent = new org.apache.hadoop.fs.Path(dir.toUri());
    assertThrows(UsageException.class, () -> OutputCommit.prepare(conf, parent, true, List.of(in)));
    assertTrue(Files.exists(dir.resolve("input.txt")));
  }

  @Test
  void anOutputThatIsAFileIsRefused() {
    UsageException e =
        assertThrows(UsageException.class, () -> OutputCommit.prepare(conf, in, true, List.of()));
    assertTrue(e.getMessage().contains("is a file"), e.getMessage());
  }

  org.apache.hadoop.fs.Path qualified(String name) throws Exception {
    return FileSystem.getLocal(conf).makeQualified(out(name));
  }

  void oldOutput() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/part-r-00000"), "old\t1\n");
  }

  List<String> listing() throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFailedRenameIntoPlaceRestoresTheOldOutput() throws Exception {
    oldOutput();
    Configuration failing = FailingRenameFileSystem.install(LocalConf.create(), qualified("out"));
    JobFailedException e;
    try (OutputCommit c = OutputCommit.prepare(failing, out("out"), true, List.of(in))) {
      FileSystem fs = c.staging().getFileSystem(failing);
      write(fs, new org.apache.hadoop.fs.Path(c.staging(), "part-r-00000"), "new\t2\n");
      e = assertThrows(JobFailedException.class, c::commit);
    }
    assertTrue(e.getMessage().contains("the old output is back in place"), e.getMessage());
    assertEquals("old\t1\n", Files.readString(dir.resolve("out/part-r-00000")));
    assertEquals(List.of("input.txt", "out"), listing());
  }

  @Test
  void whenEvenTheRestoreFailsTheOldOutputIsKeptAndTheMessageSaysWhere() throws Exception {
    oldOutput();
    Configuration failing = FailingRenameFileSystem.install(LocalConf.create(), qualified("out"));
    failing.set(FailingRenameFileSystem.FAIL_RENAME_FROM, qualified(".out.drover-").toString());
    String aside;
    try (OutputCommit c = OutputCommit.prepare(failing, out("out"), true, List.of(in))) {
      aside = c.temp("replaced").toString();
      FileSystem fs = c.staging().getFileSystem(failing);
      write(fs, new org.apache.hadoop.fs.Path(c.staging(), "part-r-00000"), "new\t2\n");
      JobFailedException e = assertThrows(JobFailedException.class, c::commit);
      assertTrue(e.getMessage().contains("it is kept at " + aside), e.getMessage());
      assertTrue(e.getMessage().contains("hadoop fs -mv " + aside), e.getMessage());
    }
    Path kept = Path.of(new org.apache.hadoop.fs.Path(aside).toUri());
    assertEquals("old\t1\n", Files.readString(kept.resolve("part-r-00000")));
    // a later run does not sweep the only copy of the old output, even though its owner is gone
    OutputCommit.sweepDeadWorkDirs(conf, FileSystem.getLocal(conf), qualified("out"));
    assertTrue(Files.exists(kept.resolve("part-r-00000")));
  }

  @Test
  void anOutputThatAppearsWhileTheJobRunsIsNeitherReplacedNorLost() throws Exception {
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), false, List.of(in))) {
      FileSystem fs = c.staging().getFileSystem(conf);
      write(fs, new org.apache.hadoop.fs.Path(c.staging(), "part-r-00000"), "new\t2\n");
      oldOutput(); // another client wrote the output meanwhile
      JobFailedException e = assertThrows(JobFailedException.class, c::commit);
      assertTrue(e.getMessage().contains("appeared while the job ran"), e.getMessage());
    }
    assertEquals("old\t1\n", Files.readString(dir.resolve("out/part-r-00000")));
    assertEquals(List.of("input.txt", "out"), listing());
  }

  /** A work dir as a client writes it, owned by the given process. */
  Path workDir(String name, ProcessHandle owner, long startMillis) throws Exception {
    Path w = dir.resolve(".out.drover-" + name);
    Files.createDirectories(w.resolve("out"));
    Files.writeString(w.resolve("out/part-r-00000"), "half");
    Files.writeString(w.resolve(OutputCommit.OWNER_FILE),
        new RunOwner(RunOwner.localHost(), owner.pid(), startMillis).format() + "\n");
    return w;
  }

  @Test
  void theWorkDirsOfDeadClientsAreSweptAndOnlyThose() throws Exception {
    Process gone = new ProcessBuilder("sleep", "60").start();
    long goneStart = gone.info().startInstant().orElseThrow().toEpochMilli();
    gone.destroyForcibly();
    gone.waitFor();
    ProcessHandle me = ProcessHandle.current();
    long myStart = me.info().startInstant().orElseThrow().toEpochMilli();
    Path dead = workDir("dead", gone.toHandle(), goneStart);
    Path reused = workDir("reused", me, myStart - 1000); // my pid, but another process's start
    Path alive = workDir("alive", me, myStart);
    Path foreign = dir.resolve(".out.drover-foreign");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve(OutputCommit.OWNER_FILE), "elsewhere 1 1\n");
    Path otherOutput = dir.resolve(".other.drover-x");
    Files.createDirectories(otherOutput);
    Files.writeString(otherOutput.resolve(OutputCommit.OWNER_FILE),
        new RunOwner(RunOwner.localHost(), gone.pid(), goneStart).format());
    OutputCommit.prepare(conf, out("out"), false, List.of(in)).close();
    assertFalse(Files.exists(dead));
    assertFalse(Files.exists(reused));
    assertTrue(Files.exists(alive.resolve("out/part-r-00000")));
    assertTrue(Files.exists(foreign), "a fresh lease on another host is alive");
    assertTrue(Files.exists(otherOutput), "work dirs of other outputs are not ours to sweep");
    Files.setLastModifiedTime(foreign.resolve(OutputCommit.OWNER_FILE),
        java.nio.file.attribute.FileTime.fromMillis(
            System.currentTimeMillis() - RunOwner.LEASE_MS - 1000));
    OutputCommit.prepare(conf, out("out"), false, List.of(in)).close();
    assertFalse(Files.exists(foreign), "an expired lease on another host is dead");
    assertTrue(Files.exists(alive));
  }

  /** Sets the time of {@code p} and of everything in it {@code ageMs} into the past. */
  static void age(Path p, long ageMs) throws Exception {
    java.nio.file.attribute.FileTime t =
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - ageMs);
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.setLastModifiedTime(q, t);
      }
    }
  }

  /** What a job left running by a dead client recreates after its work dir was swept. */
  Path orphanOutput(String name) throws Exception {
    Path w = dir.resolve(".out.drover-" + name);
    Files.createDirectories(w.resolve("out"));
    Files.writeString(w.resolve("out/part-r-00000"), "a\t1\n");
    Files.writeString(w.resolve("out/_SUCCESS"), "");
    return w;
  }

  @Test
  void aWorkDirWithJobOutputButNoOwnerIsLitterAfterAShortGrace() throws Exception {
    Path old = orphanOutput("old");
    age(old, OutputCommit.LITTER_GRACE_MS + 5_000);
    Path fresh = orphanOutput("fresh");
    Path oldButEmpty = dir.resolve(".out.drover-starting");
    Files.createDirectories(oldButEmpty);
    age(oldButEmpty, OutputCommit.LITTER_GRACE_MS + 5_000);
    OutputCommit.prepare(conf, out("out"), false, List.of(in)).close();
    assertFalse(Files.exists(old), "no owner, job output, unchanged past the grace: litter");
    assertTrue(Files.exists(fresh.resolve("out/_SUCCESS")), "something may still write into it");
    assertTrue(Files.exists(oldButEmpty), "no job output: only the lease's age makes it litter");
  }

  @Test
  void aDeadRunsWorkDirNamingAJobOnYarnStaysWhenThisRunCannotAskYarn() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long start = gone.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    Path onYarn = workDir("yarn", gone.toHandle(), start);
    Files.createDirectories(onYarn.resolve("_jobs"));
    Files.writeString(onYarn.resolve("_jobs/job_1764800000000_0007"), "");
    Path local = workDir("local", gone.toHandle(), start);
    Files.createDirectories(local.resolve("_jobs"));
    Files.writeString(local.resolve("_jobs/job_local1234_0001"), "");
    OutputCommit.prepare(conf, out("out"), false, List.of(in)).close();
    assertTrue(Files.exists(onYarn.resolve("out/part-r-00000")),
        "its job may still run and write into it: not swept from a local run");
    assertFalse(Files.exists(local), "a local job died with its client");
  }

  @Test
  void eachJobSubmittedIsNotedInTheRunsWorkDir() throws Exception {
    org.apache.hadoop.mapreduce.Job job;
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), false, List.of(in))) {
      conf.set(Jobs.PROGRESS, "off");
      job = org.apache.hadoop.mapreduce.Job.getInstance(conf, "noted");
      job.setNumReduceTasks(0);
      org.apache.hadoop.mapreduce.lib.input.FileInputFormat.addInputPath(job, in);
      org.apache.hadoop.mapreduce.lib.output.FileOutputFormat.setOutputPath(job, c.staging());
      Jobs.runToSuccess(job, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
      FileSystem fs = c.staging().getFileSystem(conf);
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(c.temp("_jobs"),
          job.getJobID().toString())), "noted under _jobs/");
    }
    assertEquals(null, conf.get(OutputCommit.WORK_DIR), "no longer named once the run is over");
  }

  @Test
  void anOutputWhoseParentDoesNotExistYetIsPreparedAndCommitted() throws Exception {
    try (OutputCommit c = OutputCommit.prepare(conf, out("new/deeper/out"), false, List.of(in))) {
      write(c.staging().getFileSystem(conf),
          new org.apache.hadoop.fs.Path(c.staging(), "part-r-00000"), "a\t1\n");
      c.commit();
    }
    assertEquals("a\t1\n", Files.readString(dir.resolve("new/deeper/out/part-r-00000")));
  }

  @Test
  void plainOverwriteRefusesADirNoJobWroteNamingAFewFilesAndForceReplacesIt() throws Exception {
    Files.createDirectories(dir.resolve("out/photos"));
    for (String n : List.of("notes.txt", "b.csv", "a.csv", "z.txt")) {
      Files.writeString(dir.resolve("out").resolve(n), n);
    }
    UsageException e = assertThrows(UsageException.class,
        () -> OutputCommit.prepare(conf, out("out"), Overwrite.JOB_OUTPUT, List.of(in)));
    assertEquals("output directory file:" + dir.resolve("out") + " is not a job output (no _SUCCESS, no"
        + " part files) and holds a.csv, b.csv, notes.txt and 2 more; --overwrite replaces only a"
        + " previous job output: pass --overwrite=force to replace this directory and everything"
        + " in it, or choose another output", e.getMessage());
    assertTrue(Files.exists(dir.resolve("out/photos")));
    assertEquals(List.of("input.txt", "out"), listing(), "no work dir reserved");
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), Overwrite.FORCE, List.of(in))) {
      write(fs(), new org.apache.hadoop.fs.Path(c.staging(), "part-r-00000"), "new\t1\n");
      c.commit();
    }
    assertEquals(List.of("part-r-00000"), visible(dir.resolve("out")));
  }

  @Test
  void plainOverwriteReplacesAnEmptyDirAndAnyJobOutput() throws Exception {
    for (String marker : List.of("", "_SUCCESS", "_FINGERPRINT", "part-00000", "part-r-00003")) {
      Path o = Files.createDirectories(dir.resolve("o" + marker));
      if (!marker.isEmpty()) {
        Files.writeString(o.resolve(marker), "");
        Files.writeString(o.resolve("_schema"), "x"); // what else a job writes beside it
      }
      try (OutputCommit c =
          OutputCommit.prepare(conf, out("o" + marker), Overwrite.JOB_OUTPUT, List.of(in))) {
        write(fs(), new org.apache.hadoop.fs.Path(c.staging(), "part-r-00000"), "new");
        c.commit();
      }
      assertEquals("new", Files.readString(o.resolve("part-r-00000")), marker);
    }
  }

  @Test
  void anOutputUnderAFileIsAUsageErrorNamingTheFile() throws Exception {
    for (String path : List.of("input.txt/out", "input.txt/a/b/out")) {
      UsageException e = assertThrows(UsageException.class,
          () -> OutputCommit.prepare(conf, out(path), Overwrite.NO, List.of()));
      assertEquals("output file:" + dir.resolve(path) + " cannot be created: file:"
          + dir.resolve("input.txt")
          + " is a file, not a directory; choose an output path under a directory",
          e.getMessage());
    }
    assertEquals(List.of("input.txt"), listing());
  }

  /** A dir's entries without the hidden .crc files. */
  static List<String> visible(Path d) throws Exception {
    try (var s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
          .toList();
    }
  }

  FileSystem fs() throws Exception {
    return FileSystem.getLocal(conf);
  }

  /** What a killed run leaves: its work dir, owned by a dead client, with the old output. */
  Path killedRun(String name, boolean staged) throws Exception {
    Path w = dir.resolve(".out.drover-" + name);
    Files.createDirectories(w.resolve(OutputCommit.REPLACED));
    Files.writeString(w.resolve(OutputCommit.REPLACED).resolve("part-r-00000"), "old\t1\n");
    if (staged) {
      Files.createDirectories(w.resolve("out"));
      Files.writeString(w.resolve("out/part-r-00000"), "new\t2\n");
    }
    Path owner = Files.writeString(w.resolve(OutputCommit.OWNER_FILE), "elsewhere 1 1\n");
    Files.setLastModifiedTime(owner, java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() - RunOwner.LEASE_MS - 1000));
    return w;
  }

  @Test
  void aKilledRunsOldOutputIsPutBackWhenTheOutputIsMissing() throws Exception {
    killedRun("dead", true); // killed between moving the old output aside and the new in place
    OutputCommit.prepare(conf, out("elsewhere"), Overwrite.NO, List.of(in)).close();
    assertEquals(List.of(".out.drover-dead", "input.txt"), listing(), "not this output's");
    UsageException e = assertThrows(UsageException.class,
        () -> OutputCommit.prepare(conf, out("out"), Overwrite.NO, List.of(in)));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertEquals("old\t1\n", Files.readString(dir.resolve("out/part-r-00000")));
    assertEquals(List.of("input.txt", "out"), listing());
  }

  @Test
  void aKilledRunsOldOutputIsRemovedOnceTheNewOutputIsInPlace() throws Exception {
    oldOutput(); // the new output, in place
    killedRun("placed", false);
    Path ambiguous = killedRun("ambiguous", true); // output and staging both there: a human's call
    OutputCommit.prepare(conf, out("out"), Overwrite.JOB_OUTPUT, List.of(in)).close();
    assertEquals(List.of(".out.drover-ambiguous", "input.txt", "out"), listing());
    assertTrue(Files.exists(ambiguous.resolve(OutputCommit.REPLACED)));
  }

  @Test
  void inPlaceRunsMoveTheOldOutputAsideAndPutItBackOrDropIt() throws Exception {
    oldOutput();
    try (OutputCommit c =
        OutputCommit.prepareInPlace(conf, out("out"), Overwrite.JOB_OUTPUT, List.of(in))) {
      assertTrue(c.moveAside());
      assertFalse(Files.exists(dir.resolve("out")));
      write(fs(), new org.apache.hadoop.fs.Path(c.output(), "half"), "x"); // the run, failing
      assertEquals("the old output is back in place in file:" + dir.resolve("out"), c.putBack());
    }
    assertEquals(List.of("part-r-00000"), visible(dir.resolve("out")));
    try (OutputCommit c =
        OutputCommit.prepareInPlace(conf, out("out"), Overwrite.JOB_OUTPUT, List.of(in))) {
      assertTrue(c.moveAside());
      write(fs(), new org.apache.hadoop.fs.Path(c.output(), "part-new"), "x"); // the run, done
    }
    assertEquals(List.of("part-new"), visible(dir.resolve("out")));
    assertEquals(List.of("input.txt", "out"), listing());
    // an existing output is not refused (the run resumes it)
    OutputCommit.prepareInPlace(conf, out("out"), Overwrite.NO, List.of(in)).close();
  }
}
