package io.drover.jobs.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** The Mapper, Combiner and Reducer contracts, through Hadoop's MRUnit drivers. */
class WordCountMrUnitTest {
  static final LongWritable OFFSET = new LongWritable(0);

  static Pair<Text, LongWritable> kv(String w, long n) {
    return new Pair<>(new Text(w), new LongWritable(n));
  }

  @Test
  void mapperCountsInMemoryAndWritesEachWordOnceInFirstSeenOrder() throws Exception {
    MapDriver<Object, Text, Text, LongWritable> d = MapDriver.newMapDriver(new WordCountMapper());
    d.withInput(OFFSET, new Text("the cat and the hat\r"))
        .withInput(OFFSET, new Text(""))
        .withInput(OFFSET, new Text("\tthe\fend"))
        .withOutput(kv("the", 3))
        .withOutput(kv("cat", 1))
        .withOutput(kv("and", 1))
        .withOutput(kv("hat", 1))
        .withOutput(kv("end", 1))
        .withCounter(WordCountCounters.LINES, 3)
        .withCounter(WordCountCounters.TOKENS, 7)
        .withCounter(WordCountCounters.MALFORMED_LINES, 0)
        .runTest(true);
  }

  @Test
  void mapperFlushesWhenItsMemoryBoundIsReached() throws Exception {
    MapDriver<Object, Text, Text, LongWritable> d = MapDriver.newMapDriver(new WordCountMapper());
    d.getConfiguration().setLong(WordCountKeys.INMAPPER_MAX_BYTES, 1); // flush after every line
    d.withInput(OFFSET, new Text("a a b"))
        .withInput(OFFSET, new Text("a"))
        .withOutput(kv("a", 2))
        .withOutput(kv("b", 1))
        .withOutput(kv("a", 1))
        .runTest(true);
  }

  @Test
  void mapperUsesTheConfiguredTokenizerAndRepairsInvalidUtf8() throws Exception {
    MapDriver<Object, Text, Text, LongWritable> d = MapDriver.newMapDriver(new WordCountMapper());
    d.getConfiguration().set(WordCountKeys.TOKENIZER, "words");
    Text bad = new Text(new byte[] {'D', 'o', 'n', (byte) 0xE2, (byte) 0x80, (byte) 0x99, 't', ' ', (byte) 0xFF, 'x'});
    d.withInput(OFFSET, new Text("Don't STOP, don't!"))
        .withInput(OFFSET, bad)
        .withOutput(kv("don't", 3))
        .withOutput(kv("stop", 1))
        .withOutput(kv("x", 1))
        .withCounter(WordCountCounters.MALFORMED_LINES, 1)
        .runTest(true);
  }

  @Test
  void reducerSumsAndAppliesMinCountToTotalsOnly() throws Exception {
    ReduceDriver<Text, LongWritable, Text, LongWritable> d =
        ReduceDriver.newReduceDriver(new WordCountReducer());
    d.getConfiguration().setLong(WordCountKeys.MIN_COUNT, 3);
    d.withInput(new Text("often"), List.of(new LongWritable(1), new LongWritable(2)))
        .withInput(new Text("rare"), List.of(new LongWritable(2)))
        .withOutput(kv("often", 3))
        .withCounter(WordCountCounters.WORDS_EMITTED, 1)
        .runTest(true);
  }

  /** Mapper output records as a final reducer would see them after 0, 1 or n combines. */
  @Test
  void combiningZeroOneOrManyTimesGivesTheSameFinalAnswer() throws Exception {
    List<Pair<Text, LongWritable>> mapped = new ArrayList<>();
    String[] words = "a b a c b a d a b c e a".split(" ");
    for (int i = 0; i < words.length; i++) {
      mapped.add(kv(words[i], 1 + i % 3));
    }
    Map<String, Long> direct = reduce(mapped);
    Map<String, Long> once = reduce(combine(mapped));
    // combine each third separately, then combine the combined outputs again
    List<Pair<Text, LongWritable>> twice = new ArrayList<>();
    for (int part = 0; part < 3; part++) {
      twice.addAll(combine(mapped.subList(part * 4, part * 4 + 4)));
    }
    Map<String, Long> many = reduce(combine(twice));
    assertEquals(Map.of("a", 12L, "b", 7L, "c", 2L, "d", 1L, "e", 2L), direct);
    assertEquals(direct, once);
    assertEquals(direct, many);
  }

  @Test
  void mapReduceWithTheCombinerEqualsWithout() throws Exception {
    List<Pair<Object, Text>> input = new ArrayList<>();
    for (String line : new String[] {"to be or not to be", "that is the question", "to be"}) {
      input.add(new Pair<>(OFFSET, new Text(line)));
    }
    MapReduceDriver<Object, Text, Text, LongWritable, Text, LongWritable> with =
        MapReduceDriver.newMapReduceDriver(new WordCountMapper(), new WordCountReducer(), new LongSumReducer<Text>());
    MapReduceDriver<Object, Text, Text, LongWritable, Text, LongWritable> without =
        MapReduceDriver.newMapReduceDriver(new WordCountMapper(), new WordCountReducer());
    List<Pair<Text, LongWritable>> a = with.withAll(input).run();
    List<Pair<Text, LongWritable>> b = without.withAll(input).run();
    assertEquals(b, a);
    assertEquals(
        List.of(kv("be", 3), kv("is", 1), kv("not", 1), kv("or", 1), kv("question", 1), kv("that", 1),
            kv("the", 1), kv("to", 3)),
        a);
  }

  @Test
  void topJobKeepsTheBestNInOrder() throws Exception {
    MapReduceDriver<Text, LongWritable, WordCountWritable, org.apache.hadoop.io.NullWritable, Text, LongWritable> d =
        MapReduceDriver.newMapReduceDriver(new TopWordsMapper(), new TopWordsReducer());
    d.getConfiguration().setInt(WordCountKeys.TOP, 3);
    d.withInput(kv("b", 5))
        .withInput(kv("a", 5))
        .withInput(kv("z", 9))
        .withInput(kv("c", 5))
        .withInput(kv("y", 1))
        .withOutput(kv("z", 9))
        .withOutput(kv("a", 5))
        .withOutput(kv("b", 5))
        .runTest(true);
  }

  static List<Pair<Text, LongWritable>> combine(List<Pair<Text, LongWritable>> in) throws Exception {
    return ReduceDriver.<Text, LongWritable, Text, LongWritable>newReduceDriver(new LongSumReducer<Text>())
        .withAll(group(in))
        .run();
  }

  static Map<String, Long> reduce(List<Pair<Text, LongWritable>> in) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    for (Pair<Text, LongWritable> p :
        ReduceDriver.newReduceDriver(new WordCountReducer()).withAll(group(in)).run()) {
      out.put(p.getFirst().toString(), p.getSecond().get());
    }
    return out;
  }

  static List<Pair<Text, List<LongWritable>>> group(List<Pair<Text, LongWritable>> in) {
    Map<Text, List<LongWritable>> g = new TreeMap<>();
    for (Pair<Text, LongWritable> p : in) {
      g.computeIfAbsent(new Text(p.getFirst()), k -> new ArrayList<>()).add(new LongWritable(p.getSecond().get()));
    }
    List<Pair<Text, List<LongWritable>>> out = new ArrayList<>();
    g.forEach((k, v) -> out.add(new Pair<>(k, v)));
    return out;
  }
}
