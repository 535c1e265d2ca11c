package io.drover.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.run.InputPacking;
import io.drover.common.testing.TestData;
import io.drover.streaming.StreamingHarness.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.junit.jupiter.api.Test;

/**
 * The classic examples/wordcount scripts on the Gutenberg slice in testdata/ (23 books): Drover's bridge, Hadoop
 * Streaming 3.4.2 and {@code cat | mapper.py | LC_ALL=C sort | reducer.py} give the same bytes.
 */
class GutenbergWordCountTest {
  @Test
  void threeWaysSameBytes() throws Exception {
    Path books = TestData.path("text/gutenberg");
    Path mapper = StreamingHarness.EXAMPLES.resolve("mapper.py");
    Path reducer = StreamingHarness.EXAMPLES.resolve("reducer.py");
    Path dir = StreamingHarness.fresh("gutenberg");
    String py = StreamingHarness.python3();
    String[] args = {"-input", books + "/*/*.txt", "-output", "OUT",
        "-mapper", py + " " + mapper, "-combiner", py + " " + reducer,
        "-reducer", py + " " + reducer};
    Run d = StreamingHarness.drover(dir.resolve("drover"), args);
    assertEquals(0, d.exit(), d.err());
    Run h = StreamingHarness.hadoop(dir.resolve("hadoop"), args);
    assertEquals(0, h.exit());

    Path piped = dir.resolve("pipeline.txt");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c",
        "set -o pipefail; cat \"$BOOKS\"/*/*.txt | \"$PY\" \"$MAPPER\" | LC_ALL=C sort"
            + " | \"$PY\" \"$REDUCER\" > \"$OUT\"");
    pb.environment().put("PY", py);
    pb.environment().put("BOOKS", books.toString());
    pb.environment().put("MAPPER", mapper.toString());
    pb.environment().put("REDUCER", reducer.toString());
    pb.environment().put("OUT", piped.toString());
    pb.environment().put("TMPDIR", dir.toString());
    pb.inheritIO();
    assertEquals(0, pb.start().waitFor(), "shell pipeline");
    byte[] expected = Files.readAllBytes(piped);

    assertArrayEquals(expected, h.files().get("part-00000"), "hadoop-streaming vs pipeline");
    assertArrayEquals(expected, d.files().get("part-00000"), "drover vs pipeline");
    // the books dealt into several map tasks of equal cost (PackedStreamInputFormat), each
    // with its own pre-combine and spill: the same bytes
    Configuration small = StreamingHarness.localConf();
    small.setLong(InputPacking.SPLIT_MAX_BYTES, 300_000);
    Run packed = StreamingHarness.drover(small, dir.resolve("packed"), args);
    assertEquals(0, packed.exit(), packed.err());
    assertTrue(packed.count(TaskCounter.SHUFFLED_MAPS) >= 4,
        packed.framework().toString());
    assertArrayEquals(expected, packed.files().get("part-00000"), "drover, 4+ tasks");
    String out = new String(expected, StandardCharsets.UTF_8);
    long distinct = out.lines().count();
    long tokens = out.lines().mapToLong(l -> Long.parseLong(l.substring(l.indexOf('\t') + 1)))
        .sum();
    System.out.printf("gutenberg slice via mapper.py/reducer.py: %,d tokens, %,d distinct%n",
        tokens, distinct);
    // str.split() also splits at U+00A0 and other Unicode spaces: close to, not equal to, the
    // StringTokenizer reference (742,431 tokens, 64,166 distinct: testdata/README.md).
    assertTrue(Math.abs(tokens - 742_431) < 742_431 / 100, "tokens " + tokens);
  }
}
