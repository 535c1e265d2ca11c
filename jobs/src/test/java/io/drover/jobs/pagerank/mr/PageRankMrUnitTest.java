package io.drover.jobs.pagerank.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/**
 * The pagerank mappers' contracts through MRUnit (the reducers write their {@code _stats} through
 * MultipleOutputs, which MRUnit only fakes under PowerMock's runner: they are checked end to end by
 * the LocalJobRunner tests).
 */
class PageRankMrUnitTest {
  @Test
  void buildMapperSendsTheEdgeToItsSourceAndMarksTheDestination() throws Exception {
    MapDriver.<LongWritable, Text, Text, Text>newMapDriver(new BuildMapper())
        .withInput(new LongWritable(0), new Text("x y\tü"))
        .withOutput(new Text("x y"), new Text("ü"))
        .withOutput(new Text("ü"), new Text())
        .runTest();
  }

  @Test
  void buildMapperReportsItsFirstBadLineUnderTheEmptyKeyAndCountsThemAll() throws Exception {
    MapDriver<LongWritable, Text, Text, Text> d = MapDriver.newMapDriver(new BuildMapper());
    d.setMapInputPath(new Path("file:/data/edges.tsv"));
    List<Pair<Text, Text>> out =
        d.withInput(new LongWritable(0), new Text("a\tb"))
            .withInput(new LongWritable(4), new Text(""))
            .withInput(new LongWritable(5), new Text("a b"))
            .run();
    assertEquals(3, out.size());
    assertEquals(new Text(), out.get(2).getFirst());
    assertEquals(
        "file:/data/edges.tsv\t2\ta blank line (expected src<TAB>dst)",
        out.get(2).getSecond().toString());
    assertEquals(2, d.getCounters().findCounter(PageRankJobs.Counters.BAD_LINES).getValue());
  }

  @Test
  void rankMapperSendsOneSharePerEdgeAndTheLineToItsVertex() throws Exception {
    MapDriver<LongWritable, Text, Text, RankMessage> d = MapDriver.newMapDriver(new RankMapper());
    d.getConfiguration().setLong(PageRankJobs.VERTICES, 4);
    List<Pair<Text, RankMessage>> out =
        d.withInput(new LongWritable(0), new Text("a\t0.5\tb\tc\tb"))
            .withInput(new LongWritable(9), new Text("d\t")) // initial, dangling: 1/4
            .run();
    assertEquals(5, out.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(List.of("b", "c", "b").get(i), out.get(i).getFirst().toString());
      assertEquals(false, out.get(i).getSecond().isNode());
      assertEquals(0.5 / 3, out.get(i).getSecond().value());
    }
    RankMessage a = out.get(3).getSecond();
    assertEquals("a", out.get(3).getFirst().toString());
    assertEquals(0.5, a.value());
    assertEquals(3, a.outDegree());
    assertEquals("\tb\tc\tb", new String(a.edges(), 0, a.edgesLength(), "UTF-8"));
    RankMessage dd = out.get(4).getSecond();
    assertEquals(0.25, dd.value());
    assertEquals(0, dd.outDegree());
    assertEquals(0, dd.edgesLength());
  }
}
