package io.drover.jobs.pagerank.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.pagerank.model.ExactSum;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
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

  static RankMessage roundTrip(RankMessage m) throws Exception {
    DataOutputBuffer out = new DataOutputBuffer();
    m.write(out);
    DataInputBuffer in = new DataInputBuffer();
    in.reset(out.getData(), out.getLength());
    RankMessage back = new RankMessage();
    back.readFields(in);
    assertEquals(out.getLength(), in.getPosition(), "read all it wrote");
    return back;
  }

  /** The combiner's output for {@code in}, one key. */
  static List<RankMessage> combine(List<RankMessage> in) throws Exception {
    List<RankMessage> out = new ArrayList<>();
    for (Pair<Text, RankMessage> p :
        ReduceDriver.<Text, RankMessage, Text, RankMessage>newReduceDriver(new RankCombiner())
            .withInput(new Text("v"), in)
            .run()) {
      assertEquals(new Text("v"), p.getFirst());
      out.add(roundTrip(p.getSecond())); // as the shuffle carries it
    }
    return out;
  }

  static BigDecimal total(List<RankMessage> ms) {
    ExactSum s = new ExactSum();
    ms.forEach(m -> m.addTo(s));
    return s.exact();
  }

  @Test
  void combinerSumsSharesExactlyWhetherItRunsZeroOneOrManyTimes() throws Exception {
    Random r = new Random(3);
    List<RankMessage> shares = new ArrayList<>();
    BigDecimal want = BigDecimal.ZERO; // the oracle: java.math's exact decimal sum
    for (int i = 0; i < 40; i++) {
      double v = r.nextDouble() * Math.pow(10, -r.nextInt(9)) / (1 + r.nextInt(7));
      shares.add(roundTrip(new RankMessage().share(v)));
      want = want.add(new BigDecimal(v));
    }
    byte[] b = "v\t0.5\ta\tb".getBytes("UTF-8");
    RankMessage node = new RankMessage().node(0.5, 2, b, 5, b.length);

    List<RankMessage> in = new ArrayList<>(shares.subList(0, 20));
    in.add(node);
    in.addAll(shares.subList(20, 40));
    List<RankMessage> once = combine(in);
    assertEquals(2, once.size()); // the node line and one sum
    assertEquals(1, once.stream().filter(RankMessage::isNode).count());
    RankMessage line = once.stream().filter(RankMessage::isNode).findFirst().orElseThrow();
    assertEquals(0.5, line.value());
    assertEquals(2, line.outDegree());
    assertEquals("\ta\tb", new String(line.edges(), 0, line.edgesLength(), "UTF-8"));
    assertEquals(0, want.compareTo(total(shares)), "no combiner");
    assertEquals(0, want.compareTo(total(once)), "combined once");

    // combined in two spills, then the spills' sums combined again (a merge)
    List<RankMessage> twice = new ArrayList<>(combine(shares.subList(0, 13)));
    twice.addAll(combine(shares.subList(13, 40)));
    twice.add(shares.get(0));
    List<RankMessage> again = combine(twice);
    assertEquals(1, again.size());
    assertEquals(0, want.add(new BigDecimal(shares.get(0).value())).compareTo(total(again)));

    // a lone share stays a share, bit for bit
    List<RankMessage> lone = combine(List.of(shares.get(5)));
    assertEquals(true, lone.get(0).isShare());
    assertEquals(shares.get(5).value(), lone.get(0).value());
  }

  @Test
  void aCombinedSumOfSimilarSharesShipsInAboutADoublesBytes() throws Exception {
    ExactSum s = new ExactSum();
    for (int i = 1; i <= 1000; i++) {
      s.add(1e-6 / i); // shares of a million-vertex graph's ranks
    }
    DataOutputBuffer out = new DataOutputBuffer();
    new RankMessage().partial(s).write(out);
    DataOutputBuffer one = new DataOutputBuffer();
    new RankMessage().share(1e-6).write(one);
    assertEquals(9, one.getLength());
    assertTrue(out.getLength() <= 4 * one.getLength(), out.getLength() + " bytes");
  }
}
