package io.drover.streaming;

import static io.drover.streaming.StreamingHarness.drover;
import static io.drover.streaming.StreamingHarness.python;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.FailingRenameFileSystem;
import io.drover.streaming.StreamingHarness.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where Drover's bridge is better than Hadoop Streaming: reports, preflight, dry run, warnings. */
class DebuggabilityTest {
  static Path dir;
  static String input;

  @BeforeAll
  static void setUp() throws Exception {
    dir = StreamingHarness.fresh("debug");
    input = dir.resolve("in.txt").toString();
    Files.writeString(dir.resolve("in.txt"), "alpha beta\ngamma delta\nepsilon\nzeta eta\n");
  }

  private static Run run(String name, String... args) throws Exception {
    Path out = dir.resolve("out-" + name);
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    // generic options (-D) must stay in front: append ours at the end
    all[args.length] = "-input";
    all[args.length + 1] = input;
    all[args.length + 2] = "-output";
    all[args.length + 3] = "OUT";
    Run r = drover(out, all);
    if (r.exit() != 0) {
      assertFalse(Files.exists(out), "no output after a failure: " + out);
      try (var s = Files.list(dir)) {
        assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".out-" + name)),
            "work dir removed");
      }
    }
    return r;
  }

  private static Path write(String name, String text, String perms) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    return p;
  }

  @Test
  void failureReportShowsStatusStderrAndLastRecord() throws Exception {
    Run r = run("exit3", "-mapper", python("exit3.py"), "-reducer", "NONE");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("map task attempt_"), r.err());
    assertTrue(r.err().contains("exit status 3"), r.err());
    assertTrue(r.err().contains("records fed to the command: 4 (last: record 4, at byte offset"
        + " 31 of the input)"), r.err());
    assertTrue(r.err().contains("| bad record: epsilon"), r.err());
  }

  @Test
  void decodesNotFoundAndSignals() throws Exception {
    Run nf = run("notfound", "-D", "drover.streaming.preflight=false",
        "-mapper", "/no/such/program", "-reducer", "NONE");
    assertEquals(1, nf.exit());
    assertTrue(nf.err().contains("exit status 127 (command not found"), nf.err());
    Run killed = run("killed", "-mapper", "sh -c 'echo dying >&2; kill -9 $$'",
        "-reducer", "NONE");
    assertEquals(1, killed.exit());
    assertTrue(killed.err().contains("exit status 137 (killed by signal 9, SIGKILL"),
        killed.err());
    assertTrue(killed.err().contains("| dying"), killed.err());
    Path notExec = write("notexec.sh", "#!/bin/sh\ncat\n", "rw-r--r--");
    Run ne = run("notexec", "-D", "drover.streaming.preflight=false",
        "-mapper", notExec.toString(), "-reducer", "NONE");
    assertEquals(1, ne.exit(), ne.err());
    assertTrue(ne.err().contains("exit status 126 (command found but not executable"), ne.err());
  }

  @Test
  void preflightStopsBadCommandsBeforeAnyJob() throws Exception {
    Path crlf = write("crlf.py", "#!/usr/bin/env python3\r\nprint('x')\r\n", "rwxr-xr-x");
    Run r = run("crlf", "-mapper", crlf.toString(), "-reducer", "NONE");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("ends with a carriage return"), r.err());
    assertTrue(r.err().contains("nothing was submitted"), r.err());

    Path noInterp = write("nointerp.py", "#!/usr/bin/env nosuchpython9\nprint(1)\n", "rwxr-xr-x");
    Run ni = run("nointerp", "-mapper", noInterp.toString());
    assertEquals(2, ni.exit());
    assertTrue(ni.err().contains("interpreter 'nosuchpython9'"), ni.err());

    Path notExec = write("notexec2.sh", "#!/bin/sh\ncat\n", "rw-r--r--");
    Run ne = run("notexec2", "-mapper", "cat", "-reducer", notExec.toString());
    assertEquals(2, ne.exit());
    assertTrue(ne.err().contains("-reducer '" + notExec + "': " + notExec + " is not executable"),
        ne.err());

    Run missing = run("missing", "-mapper", "nosuchcommand-xyz --flag");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("command 'nosuchcommand-xyz' not found"), missing.err());

    Run script = run("unshipped", "-mapper", "python3 not-shipped.py");
    assertEquals(2, script.exit());
    assertTrue(script.err().contains("script 'not-shipped.py' is not shipped"), script.err());

    Run cls = run("badclass", "-outputformat", "com.example.NoSuchFormat", "-mapper", "cat");
    assertEquals(2, cls.exit());
    assertTrue(cls.err().contains("option -outputformat: class not found: com.example.NoSuch"),
        cls.err());
  }

  @Test
  void badPathsAreUsageErrors() throws Exception {
    Path out = dir.resolve("out-badinput");
    Run r = drover(out, "-input", dir.resolve("nope-*.txt").toString(), "-output", "OUT",
        "-mapper", "cat");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("input path does not exist: file:" + dir.resolve("nope-*.txt")),
        r.err());
    Files.createDirectories(dir.resolve("exists"));
    Run ex = drover(dir.resolve("exists"), "-input", input, "-output", "OUT", "-mapper", "cat");
    assertEquals(2, ex.exit());
    assertTrue(ex.err().contains("already exists; pass --overwrite"), ex.err());
  }

  @Test
  void whenTheNewResultCannotBePutInPlaceTheOldOutputIsKept() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out-replace"));
    Files.writeString(out.resolve("part-00000"), "old\t1\n");
    Configuration conf = FailingRenameFileSystem.install(StreamingHarness.localConf(),
        new org.apache.hadoop.fs.Path(out.toUri()));
    Run r = drover(conf, out, "-overwrite", "-input", input, "-output", "OUT", "-mapper", "cat",
        "-reducer", "cat");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("the job succeeded, but its result could not be renamed"), r.err());
    assertTrue(r.err().contains("the old output is back in place"), r.err());
    assertEquals("old\t1\n", Files.readString(out.resolve("part-00000")));
    try (var s = Files.list(dir)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".out-replace.drover-")).toList(), "work dir removed");
    }
  }

  @Test
  void dryRunShowsEveryStageAndCatchesKeyChangingCombiner() throws Exception {
    StreamingTool tool = new StreamingTool();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    tool.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    Path out = dir.resolve("out-dry");
    int exit = org.apache.hadoop.util.ToolRunner.run(StreamingHarness.localConf(), tool,
        new String[] {"-input", input, "-output", out.toString(), "-dryrun", "3",
            "-mapper", "python3 " + StreamingHarness.EXAMPLES.resolve("mapper.py"),
            "-combiner", "sed s/^/x/", "-reducer", "sort -r", "-numReduceTasks", "2"});
    String s = buf.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, s);
    assertFalse(Files.exists(out));
    assertTrue(s.contains("== input: first 3 record(s)\nalpha beta\ngamma delta\nepsilon\n"), s);
    assertTrue(s.contains("-- map output: 5 line(s), exit status 0 (success)"), s);
    assertTrue(s.contains("WARNING: the combiner emitted key(s) it was not given: [xgamma, xalpha"), s);
    assertTrue(s.contains("== reduce part-00000"), s);
    assertTrue(s.contains("== reduce part-00001"), s);
  }

  @Test
  void malformedReporterLinesAreWarnedAbout() throws Exception {
    Run r = run("malformed", "-mapper",
        "sh -c 'echo reporter:counter:My,Group,Count,1 >&2; echo reporter:counter:G,C,x >&2;"
            + " echo reporter:counter:G,C,2 >&2; cat'", "-reducer", "NONE");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("4 comma-separated fields, not 3: group and counter names"
        + " cannot contain commas"), r.err());
    assertTrue(r.err().contains("the amount 'x' is not a whole number"), r.err());
    assertEquals(java.util.Map.of("G/C", 2L), r.counters());
  }

  @Test
  void stderrFloodAndEarlyExitNeverHang() throws Exception {
    Run flood = run("flood", "-D", "drover.streaming.stderr.max-lines=3", "-mapper",
        "python3 -c \"import sys\nfor i in range(300000): sys.stderr.write('noise %d\\n' % i)"
            + "\nsys.stdout.write(sys.stdin.read())\"", "-reducer", "NONE");
    assertEquals(0, flood.exit(), flood.err());
    assertEquals(Files.readString(Path.of(input)).replace("\n", "\t\n"),
        flood.text("part-00000"));

    // a command that exits before reading its input: Hadoop fails the task (broken pipe); so do
    // we, promptly, with the command named and nothing written
    Path big = dir.resolve("big.txt");
    Files.writeString(big, "some line of input\n".repeat(200_000));
    Path out = dir.resolve("out-early");
    Run early = drover(out, "-input", big.toString(), "-output", "OUT", "-mapper", "head -n 1",
        "-reducer", "NONE");
    assertEquals(1, early.exit(), early.err());
    assertTrue(early.err().contains("'head -n 1'"), early.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void overwriteReplacesOnlyAJobOutputUnlessForcedAndAnOutputUnderAFileIsAUsageError()
      throws Exception {
    Path out = Files.createDirectories(dir.resolve("out-foreign"));
    Files.writeString(out.resolve("thesis.tex"), "years of work");
    Run r = drover(out, "-overwrite", "-input", input, "-output", "OUT", "-mapper", "cat");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("is not a job output (no _SUCCESS, no part files) and holds"
        + " thesis.tex; --overwrite replaces only a previous job output: pass --overwrite=force"),
        r.err());
    assertEquals("years of work", Files.readString(out.resolve("thesis.tex")));
    Run forced = drover(out, "-overwrite=force", "-input", input, "-output", "OUT", "-mapper",
        "cat", "-reducer", "NONE");
    assertEquals(0, forced.exit(), forced.err());
    assertFalse(Files.exists(out.resolve("thesis.tex")));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    Run bad = drover(out, "-overwrite=please", "-input", input, "-output", "OUT", "-mapper",
        "cat");
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("option -overwrite='please': the only value it takes is force"),
        bad.err());

    Run under = drover(Path.of(input).resolve("out"), "-input", input, "-output", "OUT",
        "-mapper", "cat");
    assertEquals(2, under.exit(), under.err());
    assertTrue(under.err().contains("cannot be created: file:" + input
        + " is a file, not a directory"), under.err());
    assertFalse(under.err().contains("Exception"), under.err());
  }
}
