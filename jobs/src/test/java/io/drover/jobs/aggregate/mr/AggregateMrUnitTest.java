package io.drover.jobs.aggregate.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.jobs.aggregate.agg.Accumulator;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.aggregate.input.Schema;
import io.drover.jobs.aggregate.plan.JobSpec;
import io.drover.jobs.aggregate.plan.Plan;
import io.drover.jobs.aggregate.plan.RowFormat;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** MRUnit contracts of the mapper, combiner and reducer. */
class AggregateMrUnitTest {
  static final String SQL = "SELECT event, count(*) n, sum(bytes), avg(bytes), max(path) "
      + "FROM events WHERE event <> 'HEAD 200' GROUP BY event HAVING count(*) > 1";
  static final Schema SCHEMA = new Schema(List.of(new Schema.Field("event",
      io.drover.jobs.aggregate.expr.Type.STRING), new Schema.Field("bytes",
      io.drover.jobs.aggregate.expr.Type.LONG), new Schema.Field("path",
      io.drover.jobs.aggregate.expr.Type.STRING)));
  static final String[] LINES = {
      "{\"event\":\"GET 200\",\"bytes\":100,\"path\":\"/a\"}",
      "{\"event\":\"GET 404\",\"bytes\":null,\"path\":\"/x\"}",
      "{\"event\":\"GET 200\",\"bytes\":300,\"path\":\"/c\"}",
      "{\"event\":\"HEAD 200\",\"bytes\":1,\"path\":\"/h\"}",
      "{\"event\":\"GET 200\",\"bytes\":\"many\",\"path\":\"/b\"}",
      "{\"event\":\"GET 404\",\"bytes\":7,\"path\":\"/y\"}",
      "{\"event\":\"POST 200\",\"bytes\":5,\"path\":\"/p\"}"};
  // by hand: GET 200: 3 rows, bytes 100 + 300 (+ NULL), max path /c; GET 404: 2 rows, 7;
  // POST 200: 1 row (dropped by HAVING); HEAD 200 filtered out
  static final List<String> EXPECTED = List.of("GET 200\t3\t400\t200.0\t/c", "GET 404\t2\t7\t7.0\t/y");

  static JobSpec spec() {
    return new JobSpec(SQL, Format.JSONL, SCHEMA, false, ',', ZoneOffset.UTC, RowFormat.TSV);
  }

  static void configure(Configuration conf) {
    AggregateConf.write(conf, spec());
  }

  static List<Pair<LongWritable, Text>> input() {
    List<Pair<LongWritable, Text>> in = new ArrayList<>();
    long off = 0;
    for (String l : LINES) {
      in.add(new Pair<>(new LongWritable(off), new Text(l)));
      off += l.length() + 1;
    }
    return in;
  }

  static List<Pair<BytesKey, StateWritable>> map(long maxBytes) throws Exception {
    MapDriver<LongWritable, Text, BytesKey, StateWritable> d =
        MapDriver.newMapDriver(new AggregateMapper());
    configure(d.getConfiguration());
    d.getConfiguration().setLong(AggregateConf.INMAPPER_MAX_BYTES, maxBytes);
    return d.withAll(input()).run();
  }

  static List<Pair<BytesKey, StateWritable>> combine(List<Pair<BytesKey, StateWritable>> in)
      throws Exception {
    ReduceDriver<BytesKey, StateWritable, BytesKey, StateWritable> d =
        ReduceDriver.newReduceDriver(new AggregateCombiner());
    configure(d.getConfiguration());
    return d.withAll(group(in)).run();
  }

  static List<String> reduce(List<Pair<BytesKey, StateWritable>> in) throws Exception {
    ReduceDriver<BytesKey, StateWritable, Writable, Text> d =
        ReduceDriver.newReduceDriver(new AggregateReducer());
    configure(d.getConfiguration());
    List<String> out = new ArrayList<>();
    for (Pair<Writable, Text> p : d.withAll(group(in)).run()) {
      out.add(p.getSecond().toString());
    }
    return out;
  }

  static List<Pair<BytesKey, List<StateWritable>>> group(List<Pair<BytesKey, StateWritable>> in) {
    Map<BytesKey, List<StateWritable>> g = new TreeMap<>();
    for (Pair<BytesKey, StateWritable> p : in) {
      BytesKey k = new BytesKey(p.getFirst().copy());
      byte[] v = java.util.Arrays.copyOf(p.getSecond().bytes(), p.getSecond().length());
      g.computeIfAbsent(k, x -> new ArrayList<>()).add(new StateWritable(v));
    }
    List<Pair<BytesKey, List<StateWritable>>> out = new ArrayList<>();
    g.forEach((k, v) -> out.add(new Pair<>(k, v)));
    return out;
  }

  @Test
  void mapperKeepsOnePartialPerGroupAndCountsWhatItSaw() throws Exception {
    MapDriver<LongWritable, Text, BytesKey, StateWritable> d =
        MapDriver.newMapDriver(new AggregateMapper());
    configure(d.getConfiguration());
    List<Pair<BytesKey, StateWritable>> out = d.withAll(input()).run();
    assertEquals(3, out.size()); // GET 200, GET 404, POST 200: one state each
    assertEquals(7, d.getCounters().findCounter(AggregateCounters.RECORDS_READ).getValue());
    assertEquals(1, d.getCounters().findCounter(AggregateCounters.ROWS_FILTERED).getValue());
    assertEquals(6, d.getCounters().findCounter(AggregateCounters.ROWS_AGGREGATED).getValue());
    assertEquals(1, d.getCounters().findCounter(AggregateCounters.BAD_VALUES).getValue());
    assertEquals(0, d.getCounters().findCounter(AggregateCounters.MAP_FLUSHES).getValue());
    Plan plan = spec().plan();
    List<String> lines = new ArrayList<>();
    for (Pair<BytesKey, StateWritable> p : out) {
      BytesKey k = p.getFirst();
      Accumulator[] s = plan.readStates(p.getSecond().bytes(), 0, p.getSecond().length());
      Plan.Result r = plan.finish(k.bytes(), 0, k.length(), s);
      if (r != null) {
        lines.add(plan.line(r.values(), RowFormat.TSV));
      }
    }
    lines.sort(null);
    assertEquals(EXPECTED, lines); // the mapper's partials are already whole groups here
  }

  @Test
  void aFullTableIsWrittenOutSoAHotKeyCostsOneRecordPerFlush() throws Exception {
    MapDriver<LongWritable, Text, BytesKey, StateWritable> d =
        MapDriver.newMapDriver(new AggregateMapper());
    configure(d.getConfiguration());
    d.getConfiguration().setLong(AggregateConf.INMAPPER_MAX_BYTES, 1);
    List<Pair<BytesKey, StateWritable>> out = d.withAll(input()).run();
    assertEquals(6, out.size()); // a flush after every aggregated row
    assertEquals(6, d.getCounters().findCounter(AggregateCounters.MAP_FLUSHES).getValue());
  }

  @Test
  void combiningZeroOneOrManyTimesGivesTheSameFinalAnswer() throws Exception {
    List<Pair<BytesKey, StateWritable>> partials = map(1);
    assertEquals(EXPECTED, reduce(partials));
    assertEquals(EXPECTED, reduce(combine(partials)));
    List<Pair<BytesKey, StateWritable>> twice = new ArrayList<>();
    twice.addAll(combine(partials.subList(0, 3)));
    twice.addAll(combine(partials.subList(3, partials.size())));
    assertEquals(EXPECTED, reduce(combine(combine(twice))));
    assertEquals(EXPECTED, reduce(map(Long.MAX_VALUE)));
  }

  @Test
  void mapReduceWithTheCombinerEqualsWithout() throws Exception {
    MapReduceDriver<LongWritable, Text, BytesKey, StateWritable, Writable, Text> with =
        MapReduceDriver.newMapReduceDriver(new AggregateMapper(), new AggregateReducer(),
            new AggregateCombiner());
    MapReduceDriver<LongWritable, Text, BytesKey, StateWritable, Writable, Text> without =
        MapReduceDriver.newMapReduceDriver(new AggregateMapper(), new AggregateReducer());
    configure(with.getConfiguration());
    configure(without.getConfiguration());
    with.getConfiguration().setLong(AggregateConf.INMAPPER_MAX_BYTES, 1);
    without.getConfiguration().setLong(AggregateConf.INMAPPER_MAX_BYTES, 1);
    List<String> a = new ArrayList<>();
    for (Pair<Writable, Text> p : with.withAll(input()).run()) {
      a.add(p.getSecond().toString());
    }
    List<String> b = new ArrayList<>();
    for (Pair<Writable, Text> p : without.withAll(input()).run()) {
      b.add(p.getSecond().toString());
    }
    assertEquals(EXPECTED, a);
    assertEquals(EXPECTED, b);
  }

  @Test
  void reducerCountsGroupsBeforeHavingAndRowsAfter() throws Exception {
    ReduceDriver<BytesKey, StateWritable, Writable, Text> d =
        ReduceDriver.newReduceDriver(new AggregateReducer());
    configure(d.getConfiguration());
    d.withAll(group(map(Long.MAX_VALUE))).run();
    assertEquals(3, d.getCounters().findCounter(AggregateCounters.GROUPS).getValue());
    assertEquals(2, d.getCounters().findCounter(AggregateCounters.ROWS_OUT).getValue());
  }
}
