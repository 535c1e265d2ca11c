package io.drover.streaming;

import static io.drover.streaming.StreamingHarness.drover;
import static io.drover.streaming.StreamingHarness.hadoop;
import static io.drover.streaming.StreamingHarness.python;
import static io.drover.streaming.StreamingHarness.script;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.streaming.StreamingHarness.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import io.drover.common.testing.TestData;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compatibility suite: every case runs the same scripts and inputs through Drover's bridge
 * and through the real Hadoop Streaming 3.4.2 (in-process, local runner) and asserts the same
 * output files (names and bytes), the same exit status and the same user counters.
 */
class CompatibilityTest {
  static final Path CARROLL =
      TestData.path("text/gutenberg/Carroll_Lewis");
  static Path in;

  @BeforeAll
  static void inputs() throws Exception {
    in = StreamingHarness.fresh("compat-inputs");
    Files.writeString(in.resolve("a.txt"), "the quick brown fox\njumps over the lazy dog\n"
        + "the end\n");
    Files.writeString(in.resolve("b.txt"), "zebra apple\nApple 10 9 2 1\nthe\n");
    Files.createDirectories(in.resolve("text"));
    Files.copy(in.resolve("a.txt"), in.resolve("text/a.txt"));
    Files.copy(in.resolve("b.txt"), in.resolve("text/b.txt"));
    Files.writeString(in.resolve("text/c.txt"), "one more file\nwith the words\n");
    Files.write(in.resolve("empty.txt"), new byte[0]);
    Files.writeString(in.resolve("fields.txt"),
        "b.2.x.1\na.10.y.2\na.9.z.3\nb.10.w.4\nc.1.v.5\na.10.u.6\nnoseparator\n");
    Files.writeString(in.resolve("hosts.txt"),
        "web.3.GET\ndb.12.PUT\nweb.20.GET\ndb.3.GET\nweb.100.POST\ncache.7.GET\ndb.100.GET\n"
            + "web.3.PUT\n");
    Files.writeString(in.resolve("kv.txt"),
        "k1\tv1\nnotab\nk2\t\n\tonlyvalue\n\nk3\tv3\textra\nk1\tv0\n");
    byte[] unicode = ("caf\u00e9 na\u00efve \u65e5\u672c\u8a9e\r\n\u00e9t\u00e9 caf\u00e9\r\n"
        + "bare\rcr line\r\n\ud83d\ude00 emoji \u00a0nbsp\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] invalid = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, ' ', 'x', '\r', '\n'};
    byte[] all = Arrays.copyOf(unicode, unicode.length + invalid.length);
    System.arraycopy(invalid, 0, all, unicode.length, invalid.length);
    Files.write(in.resolve("unicode-crlf.txt"), all);
    StringBuilder longLines = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      longLines.append("short ").append(i).append('\n');
      longLines.append(String.valueOf((char) ('a' + i)).repeat(3_000_000 + i)).append('\n');
    }
    longLines.append("word ".repeat(400_000)).append('\n');
    Files.writeString(in.resolve("long.txt"), longLines.toString());
  }

  /**
   * Runs both on a case meant to succeed: both exit 0 and write {@code _SUCCESS} and some output
   * bytes, and the output files, their bytes and the user counters are the same. Returns Drover's
   * run.
   */
  static Run same(String name, String... args) throws Exception {
    Run d = compareDrover(name, args);
    assertEquals(0, d.exit(), name + ": drover failed:\n" + d.err());
    assertTrue(partBytes(d) > 0, name + ": no output bytes: " + d.files().keySet());
    return d;
  }

  /** As {@link #same}, for an empty input: both succeed with empty part files. */
  static Run sameEmpty(String name, String... args) throws Exception {
    Run d = compareDrover(name, args);
    assertEquals(0, d.exit(), name + ": drover failed:\n" + d.err());
    assertTrue(d.files().keySet().stream().anyMatch(f -> f.startsWith("part-")), name);
    assertEquals(0, partBytes(d), name + ": output of an empty input");
    return d;
  }

  /** A case meant to fail: both fail the same way and neither leaves output. */
  static Run sameFailure(String name, String... args) throws Exception {
    Run d = compareDrover(name, args);
    assertTrue(d.exit() != 0, name + ": expected a failure");
    assertEquals(Map.of(), d.files(), name + ": a failed job leaves no output");
    return d;
  }

  /** Hadoop's run and Drover's of one case. */
  record Both(Run hadoop, Run drover) {}

  /** Hadoop's counters that packing and the pre-combine leave as Hadoop's (README: the rest). */
  static final List<Enum<?>> SAME_COUNTERS = List.of(TaskCounter.MAP_INPUT_RECORDS,
      TaskCounter.MAP_OUTPUT_RECORDS, TaskCounter.MAP_OUTPUT_BYTES,
      TaskCounter.REDUCE_INPUT_GROUPS, TaskCounter.REDUCE_OUTPUT_RECORDS);

  private static Run compareDrover(String name, String... args) throws Exception {
    return compare(name, args).drover();
  }

  private static Both compare(String name, String... args) throws Exception {
    Path dir = StreamingHarness.fresh("compat-" + name);
    Run h = hadoop(dir.resolve("hadoop"), args);
    Run d = drover(dir.resolve("drover"), args);
    assertEquals(h.exit(), d.exit(), name + ": exit status; drover said:\n" + d.err());
    assertEquals(h.files().keySet(), d.files().keySet(), name + ": output file names");
    for (String f : h.files().keySet()) {
      assertArrayEquals(h.files().get(f), d.files().get(f), name + ": bytes of " + f);
    }
    assertEquals(h.counters(), d.counters(), name + ": user counters");
    if (h.exit() == 0) {
      assertTrue(h.files().containsKey("_SUCCESS"), name + ": hadoop wrote no _SUCCESS");
      // Bytes Written: what the file system wrote for the part files, checksums included. Hadoop
      // sums every thread's bytes around each record, so tasks running side by side can add
      // each other's bytes to it; Drover counts each writing thread's own, exactly.
      long written = StreamingHarness.writtenBytes(dir.resolve("drover"));
      assertEquals(written, d.bytesWritten(), name + ": Bytes Written");
      assertTrue(h.bytesWritten() >= StreamingHarness.writtenBytes(dir.resolve("hadoop")),
          name + ": hadoop's Bytes Written " + h.bytesWritten());
      for (Enum<?> c : SAME_COUNTERS) {
        assertEquals(h.count(c), d.count(c), name + ": " + c);
      }
    }
    return new Both(h, d);
  }

  private static long partBytes(Run r) {
    return r.files().entrySet().stream().filter(e -> e.getKey().startsWith("part-"))
        .mapToLong(e -> e.getValue().length).sum();
  }

  static String p(String name) {
    return in.resolve(name).toString();
  }

  @Test
  void wordCountWithCombinerAndCounters() throws Exception {
    String mapper = "python3 " + StreamingHarness.EXAMPLES.resolve("mapper.py");
    String reducer = "python3 " + StreamingHarness.EXAMPLES.resolve("reducer.py");
    Run d = same("wordcount", "-input", p("text"), "-input", CARROLL + "/Feeding_the_Mind.txt",
        "-output", "OUT", "-mapper", mapper, "-combiner", reducer, "-reducer", reducer);
    assertEquals(List.of("_SUCCESS", "part-00000"), new ArrayList<>(d.files().keySet()));
    assertTrue(d.text("part-00000").contains("the\t"), d.text("part-00000"));
  }

  @Test
  void userCountersAndStatus() throws Exception {
    Run d = same("counters", "-input", p("text"), "-output", "OUT",
        "-mapper", python("counting_mapper.py"), "-reducer", "cat");
    assertEquals(Map.of("Compat/Calls", 3L, "Compat/Lines", 8L), d.counters());
  }

  @Test
  void mapOnlyWritesOneFilePerMap() throws Exception {
    Run d = same("maponly", "-input", p("text"), "-output", "OUT", "-mapper", python("upper.py"),
        "-reducer", "NONE");
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001", "part-00002"),
        new ArrayList<>(d.files().keySet()));
    same("maponly-zero-reduces", "-input", p("text"), "-output", "OUT", "-mapper", "cat",
        "-numReduceTasks", "0");
  }

  @Test
  void severalReducers() throws Exception {
    Run d = same("reducers", "-input", p("text"), "-input", CARROLL + "/Feeding_the_Mind.txt",
        "-output", "OUT", "-mapper", python("counting_mapper.py"),
        "-reducer", "python3 " + StreamingHarness.EXAMPLES.resolve("reducer.py"),
        "-numReduceTasks", "3");
    assertEquals(4, d.files().size());
  }

  @Test
  void keysThatTieInTheirFirstBytesAndWholeKeysWithManyValuesSortAsHadoops() throws Exception {
    // Drover's map side compares 8-byte key prefixes before the keys: here most keys share
    // their first 8 bytes or differ only in zero bytes, and equal keys carry different values,
    // whose order the sort (ties included) decides; several spills, three partitions
    java.util.Random r = new java.util.Random(7);
    java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 40_000; i++) {
      int shared = r.nextInt(12);
      for (int j = 0; j < shared; j++) {
        lines.write('w');
      }
      for (int j = r.nextInt(4); j > 0; j--) {
        int x = r.nextInt(4);
        lines.write(x == 0 ? 0 : x == 1 ? 0xff : 'a' + x);
      }
      lines.writeBytes(("\t" + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Files.write(in.resolve("prefixes.txt"), lines.toByteArray());
    Run d = same("prefixes", "-D", "mapreduce.task.io.sort.mb=1", "-input", p("prefixes.txt"),
        "-output", "OUT", "-mapper", "cat", "-reducer", "cat", "-numReduceTasks", "3");
    assertEquals(4, d.files().size());
  }

  @Test
  void customSeparatorsWithSeveralKeyFields() throws Exception {
    same("separators", "-D", "stream.map.output.field.separator=.",
        "-D", "stream.num.map.output.key.fields=2",
        "-D", "stream.reduce.input.field.separator=:",
        "-D", "stream.reduce.output.field.separator=:",
        "-D", "stream.num.reduce.output.key.fields=2",
        "-input", p("fields.txt"), "-output", "OUT", "-mapper", "cat", "-reducer", "cat");
  }

  @Test
  void keyFieldPartitioningWithNumericReverseSort() throws Exception {
    Run d = same("keyfields",
        "-D", "mapreduce.job.output.key.comparator.class="
            + "org.apache.hadoop.mapred.lib.KeyFieldBasedComparator",
        "-D", "stream.map.output.field.separator=.",
        "-D", "stream.num.map.output.key.fields=2",
        "-D", "mapreduce.map.output.key.field.separator=.",
        "-D", "mapreduce.partition.keypartitioner.options=-k1,1",
        "-D", "mapreduce.partition.keycomparator.options=-k1,1 -k2,2nr",
        "-input", p("hosts.txt"), "-output", "OUT", "-mapper", "cat", "-reducer", "cat",
        "-partitioner", "org.apache.hadoop.mapred.lib.KeyFieldBasedPartitioner",
        "-numReduceTasks", "2");
    String all = d.text("part-00000") + d.text("part-00001");
    assertTrue(all.contains("web.100\tPOST\nweb.20\tGET\nweb.3\t"), all);
  }

  @Test
  void linesWithoutSeparatorAndEmptyValues() throws Exception {
    Run d = same("kv", "-input", p("kv.txt"), "-output", "OUT", "-mapper", "cat",
        "-reducer", "cat");
    assertTrue(d.text("part-00000").contains("notab\t\n"));
    same("kv-keyvalue-input", "-inputformat", "KeyValueTextInputFormat", "-input", p("kv.txt"),
        "-output", "OUT", "-mapper", "cat", "-reducer", "NONE");
  }

  @Test
  void emptyInput() throws Exception {
    Run d = sameEmpty("empty", "-input", p("empty.txt"), "-output", "OUT", "-mapper", "cat",
        "-reducer", "sh " + script("header_reducer.sh"));
    assertEquals(0, d.files().get("part-00000").length);
    // map-only, the command starts even for an empty split: its header is the whole output
    Run header = same("empty-maponly", "-input", p("empty.txt"), "-output", "OUT", "-mapper",
        "sh " + script("header_reducer.sh"), "-reducer", "NONE");
    assertEquals("header from the reducer\t\n", header.text("part-00000"));
  }

  @Test
  void unicodeAndCrlf() throws Exception {
    same("unicode", "-input", p("unicode-crlf.txt"), "-input", CARROLL + "/Rhyme_And_Reason.txt",
        "-output", "OUT", "-mapper", "cat", "-reducer", "cat");
    same("unicode-words", "-input", p("unicode-crlf.txt"), "-output", "OUT",
        "-mapper", "python3 " + StreamingHarness.EXAMPLES.resolve("mapper.py"),
        "-reducer", "python3 " + StreamingHarness.EXAMPLES.resolve("reducer.py"));
  }

  @Test
  void veryLongLines() throws Exception {
    same("long", "-input", p("long.txt"), "-output", "OUT", "-mapper", python("lengths.py"),
        "-reducer", "cat");
    Run d = same("long-cat", "-input", p("long.txt"), "-output", "OUT", "-mapper", "cat",
        "-reducer", "NONE");
    assertTrue(d.files().get("part-00000").length > 9_000_000);
  }

  @Test
  void scriptReadsItsEnvironment() throws Exception {
    Run d = same("env", "-D", "my.custom.prop=custom value", "-input", p("a.txt"),
        "-input", p("b.txt"), "-output", "OUT", "-mapper", python("env_mapper.py"),
        "-reducer", "NONE", "-cmdenv", "MY_VAR=hello");
    String out = d.text("part-00000");
    assertTrue(out.contains("MY_VAR\thello\n"), out);
    assertTrue(out.contains("my_custom_prop\tcustom value\n"), out);
    assertTrue(out.contains("map_input_file\tfile:" + p("")), out);
    // with a reduce phase Drover packs the small files into one task, one command per file
    Run tagged = same("env-packed", "-input", p("text"), "-output", "OUT",
        "-mapper", python("file_tagger.py"), "-reducer", "cat");
    assertTrue(tagged.text("part-00000").contains("c.txt\twith the words\n"));
  }

  @Test
  void javaClassesAsMapperAndReducer() throws Exception {
    same("java-mapper", "-inputformat", "KeyValueTextInputFormat", "-input", p("kv.txt"),
        "-output", "OUT", "-mapper", "org.apache.hadoop.mapred.lib.InverseMapper",
        "-reducer", "cat");
    same("java-identity", "-input", p("a.txt"), "-output", "OUT",
        "-mapper", "org.apache.hadoop.mapred.lib.IdentityMapper", "-reducer", "NONE");
    same("java-reducer", "-input", p("text"), "-output", "OUT", "-mapper", python("upper.py"),
        "-reducer", "org.apache.hadoop.mapred.lib.IdentityReducer");
    same("aggregate", "-input", p("text"), "-output", "OUT",
        "-mapper", python("aggregate_mapper.py"), "-reducer", "aggregate");
  }

  /**
   * Drover packs these files into one map task and reads them itself; its counters are Hadoop's
   * for the same command line, which runs a task per file: Bytes Read included (0 before, as
   * Hadoop's tracked reader counts nothing for a combined split), checksum files too (d.txt is
   * written through Hadoop's local file system, as {@code hadoop fs -put} writes). One map slot:
   * Hadoop sums every thread's reads into each task's count, Drover its own thread's.
   */
  @Test
  void packedInputCountsTheBytesHadoopCounts() throws Exception {
    Path dir = Files.createDirectories(in.resolve("checksummed"));
    org.apache.hadoop.fs.LocalFileSystem local =
        org.apache.hadoop.fs.FileSystem.getLocal(StreamingHarness.localConf());
    try (var out = local.create(new org.apache.hadoop.fs.Path(dir.resolve("d.txt").toUri()))) {
      for (int i = 0; i < 80; i++) { // distinct lines: equal keys' values come in map order
        out.write(("checked line " + i + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Path crc = dir.resolve(".d.txt.crc");
    assertTrue(Files.exists(crc));
    String[] args = {"-D", "mapreduce.local.map.tasks.maximum=1", "-input", p("text"),
        "-input", p("kv.txt"), "-input", dir.toString(), "-output", "OUT", "-mapper", "cat",
        "-reducer", "cat"};
    Both b = compare("packed-counters", args);
    assertEquals(0, b.drover().exit(), b.drover().err());
    long bytes = Files.size(crc) + Files.size(dir.resolve("d.txt")) + Files.size(in.resolve("kv.txt"));
    for (String f : List.of("a.txt", "b.txt", "c.txt")) {
      bytes += Files.size(in.resolve("text").resolve(f));
    }
    // the files and the checksum file whole, and what the checksum reader reads again at the end
    long hadoops = b.hadoop().count(FileInputFormatCounter.BYTES_READ);
    assertTrue(hadoops >= bytes && hadoops <= bytes + 8, "hadoop's " + hadoops + ", files " + bytes);
    assertEquals(hadoops, b.drover().count(FileInputFormatCounter.BYTES_READ), "drover's");

    // a CombineTextInputFormat of the user's: lines fed with their offsets, as Hadoop feeds them;
    // Hadoop counts no bytes read, Drover the bytes it read
    Both user = compare("user-combine", "-inputformat",
        "org.apache.hadoop.mapred.lib.CombineTextInputFormat", "-input", p("text"),
        "-output", "OUT", "-mapper", "cat", "-reducer", "cat");
    assertEquals(0, user.drover().exit(), user.drover().err());
    assertTrue(user.drover().text("part-00000").startsWith("0\t"), user.drover().text("part-00000"));
    assertEquals(0, user.hadoop().count(FileInputFormatCounter.BYTES_READ));
    assertEquals(112, user.drover().count(FileInputFormatCounter.BYTES_READ));
  }

  @Test
  void failingScriptFailsTheJobWithoutOutput() throws Exception {
    Run d = sameFailure("exit3", "-input", p("a.txt"), "-output", "OUT", "-mapper", python("exit3.py"),
        "-reducer", "NONE");
    assertEquals(1, d.exit());
    assertFalse(Files.exists(StreamingHarness.WORK.resolve("compat-exit3/drover")));
    assertTrue(d.err().contains("exit status 3"), d.err());
    assertTrue(d.err().contains("bad record: the end"), d.err());
    Run lenient = same("exit3-allowed", "-D", "stream.non.zero.exit.is.failure=false",
        "-input", p("a.txt"), "-output", "OUT", "-mapper", python("exit3.py"),
        "-reducer", "NONE");
    assertEquals(0, lenient.exit());
  }
}
