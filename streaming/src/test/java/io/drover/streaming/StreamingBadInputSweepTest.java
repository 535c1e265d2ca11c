package io.drover.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.ConsoleTraces;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The streaming program fed bad input as a user would (the job programs' sweep is jobs'
 * BadInputSweepTest): the exit code (2 for the command line and its paths, 1 for a job that
 * fails), a {@code streaming: } verdict line that names the file, flag or value, no stack trace on
 * the console or Java class name in what it prints, and every file in the work dir unchanged.
 */
class StreamingBadInputSweepTest {
  static Path work;

  record Case(String name, int exit, String says, String... args) {}

  static List<Case> cases() {
    List<Case> l = new ArrayList<>();
    l.add(new Case("no -input", 2, "-input", "-output", "{out}", "-mapper", "cat"));
    l.add(new Case("no -output", 2, "-output", "-input", "{in}", "-mapper", "cat"));
    l.add(new Case("unknown option", 2, "-bogus", "-bogus", "-input", "{in}", "-output",
        "{out}", "-mapper", "cat"));
    l.add(new Case("-numReduceTasks not a number", 2, "-numReduceTasks", "-numReduceTasks",
        "many", "-input", "{in}", "-output", "{out}", "-mapper", "cat"));
    l.add(new Case("missing input", 2, "nope.txt", "-input", "{dir}/nope.txt", "-output",
        "{out}", "-mapper", "cat"));
    l.add(new Case("mapper command not found", 2, "nosuchcommand-xyz", "-input", "{in}",
        "-output", "{out}", "-mapper", "nosuchcommand-xyz"));
    l.add(new Case("missing -file", 2, "absent.py", "-file", "{dir}/absent.py", "-input", "{in}",
        "-output", "{out}", "-mapper", "cat"));
    l.add(new Case("existing output", 2, "-overwrite", "-input", "{in}", "-output", "{old-out}",
        "-mapper", "cat"));
    l.add(new Case("-overwrite on a dir no job wrote", 2, "=force", "-overwrite", "-input",
        "{in}", "-output", "{notes}", "-mapper", "cat"));
    l.add(new Case("an output under a file", 2, "in.txt", "-input", "{in}", "-output",
        "{in}/out", "-mapper", "cat"));
    l.add(new Case("unknown output format class", 2, "com.example.NoSuchFormat",
        "-outputformat", "com.example.NoSuchFormat", "-input", "{in}", "-output", "{out}",
        "-mapper", "cat"));
    l.add(new Case("a mapper that exits 3", 1, "exit status 3", "-input", "{in}", "-output",
        "{out}", "-mapper", "sh -c 'exit 3'", "-reducer", "NONE"));
    l.add(new Case("truncated gzip input", 1, "cut.txt.gz", "-input", "{cut}", "-output",
        "{out}", "-mapper", "cat", "-reducer", "NONE"));
    return l;
  }

  @BeforeAll
  static void fixtures() throws Exception {
    work = StreamingHarness.fresh("bad-input-sweep");
    Files.writeString(work.resolve("in.txt"), "alpha beta\ngamma delta\n");
    Path old = Files.createDirectories(work.resolve("old-out"));
    Files.writeString(old.resolve("part-00000"), "an earlier result\n");
    Files.writeString(old.resolve("_SUCCESS"), "");
    Path notes = Files.createDirectories(work.resolve("notes"));
    Files.writeString(notes.resolve("thesis.tex"), "months of work\n");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
      for (int i = 0; i < 20_000; i++) {
        z.write(("line " + i + " of words\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Path cut = Files.createDirectories(work.resolve("cut"));
    Files.write(cut.resolve("cut.txt.gz"),
        java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
  }

  static String arg(String a) {
    return a.replace("{dir}", work.toString()).replace("{out}", work.resolve("out").toString())
        .replace("{old-out}", work.resolve("old-out").toString())
        .replace("{notes}", work.resolve("notes").toString())
        .replace("{cut}", work.resolve("cut").toString())
        .replace("{in}", work.resolve("in.txt").toString());
  }

  static final Pattern CLASS_NAME =
      Pattern.compile("\\b(java|javax|org|io)\\.[a-z0-9_.]+\\.[A-Z]\\w*(Exception|Error)\\b");

  @TestFactory
  Stream<DynamicTest> streamingRefusesBadInputInOneLineAndWritesNothing() {
    return cases().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> check(k)));
  }

  static void check(Case k) throws Exception {
    Map<String, String> before = TestDirs.digests(work);
    StreamingTool tool = new StreamingTool();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    tool.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String[] args = Stream.of(k.args()).map(StreamingBadInputSweepTest::arg)
        .toArray(String[]::new);
    ConsoleTraces.Result<Integer> run =
        ConsoleTraces.during(() -> ToolRunner.run(StreamingHarness.localConf(), tool, args));
    int code = run.value();
    List<String> traces = run.traces();
    String err = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(k.exit(), code, String.join(" ", args) + "\n" + err);
    List<String> verdicts = err.lines().filter(s -> s.startsWith("streaming: ")).toList();
    assertFalse(verdicts.isEmpty(), "no 'streaming: ' line: " + err);
    assertTrue(verdicts.stream().anyMatch(v -> v.contains(arg(k.says()))),
        "should say " + arg(k.says()) + ": " + err);
    assertFalse(err.contains("\tat "), "a stack trace: " + err);
    assertFalse(CLASS_NAME.matcher(err).find(), "a Java class name: " + err);
    assertEquals(List.of(), traces, "stack traces on the console; the program said: " + err);
    assertEquals(before, TestDirs.digests(work), "written or lost: " + err);
  }
}
