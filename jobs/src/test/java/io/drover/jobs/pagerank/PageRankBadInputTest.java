package io.drover.jobs.pagerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad command lines and bad edge lists: exit 2, one message naming the flag, or the file and line,
 * nothing written. A bad line is never skipped.
 */
class PageRankBadInputTest {
  static final Configuration CONF = LocalConf.create();
  static Path work;

  @BeforeAll
  static void setUp() throws Exception {
    work = TestDirs.fresh("pagerank-bad");
  }

  static Path file(String name, String text) throws Exception {
    Path p = work.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static void refused(String says, String... args) throws Exception {
    Path out = work.resolve("out");
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = out.toString();
    PageRankRun.Run r = PageRankRun.run(CONF, all);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("pagerank: "), r.err());
    assertTrue(r.err().contains(says), "should say " + says + ": " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(out), "nothing is written: " + r.err());
  }

  @Test
  void flags() throws Exception {
    Path ok = file("ok.tsv", "a\tb\n");
    refused("missing <output> after the input");
    refused("option --damping: 1.5 is above 1", "--damping", "1.5", ok.toString());
    refused("option --damping: -0.1 is below the minimum 0", "--damping", "-0.1", ok.toString());
    refused("option --tol: 'x' is not a number", "--tol", "x", ok.toString());
    refused("option --max-iter: 0 is below the minimum 1", "--max-iter", "0", ok.toString());
    refused("unknown option --seed", "--seed", "1", ok.toString());
    refused("nothing-here", work.resolve("nothing-here").toString());
  }

  @Test
  void badLinesNameTheFileAndLine() throws Exception {
    Path blank = file("blank.tsv", "a\tb\n\nb\tc\n");
    refused(
        blank + " line 2: a blank line (expected src<TAB>dst); nothing was written",
        blank.toString());
    Path spaces = file("spaces.tsv", "a\tb\nb c\n");
    refused(spaces + " line 2: no TAB (expected src<TAB>dst)", spaces.toString());
    Path weighted = file("weighted.tsv", "a\tb\t0.5\n");
    refused(weighted + " line 1: more than one TAB", weighted.toString());
    Path empty = file("empty-name.tsv", "a\tb\n\tc\n");
    refused(empty + " line 2: an empty source vertex name", empty.toString());
    Path none = file("none.tsv", "");
    refused("no edges in", none.toString());
  }

  @Test
  void aBadLineDeepInABigFileIsNamedByItsLineNumber() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      lines.add("v" + i + "\tv" + (i * 7 % 30_000));
    }
    lines.set(25_000, "v25000 v1"); // line 25,001, in the third of four splits
    Path big = work.resolve("big.tsv");
    Files.write(big, lines, StandardCharsets.UTF_8);
    assertTrue(Files.size(big) > 300_000);
    refused(
        big + " line 25001: no TAB",
        "-D",
        "mapreduce.input.fileinputformat.split.maxsize=100000",
        big.toString());
  }
}
