package io.drover.jobs.sql.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.sql.catalog.Catalog;
import io.drover.jobs.sql.exec.JoinMemory;
import io.drover.jobs.sql.exec.JoinsTest;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan.JoinKind;
import io.drover.jobs.sql.parse.HiveDdl;
import io.drover.jobs.sql.parse.SqlTranslator;
import io.drover.jobs.sql.physical.PhysicalPlan;
import io.drover.jobs.sql.physical.PhysicalPlanner;
import io.drover.jobs.sql.physical.Shuffle;
import io.drover.jobs.sql.physical.Stage;
import io.drover.jobs.sql.rules.Rules;
import io.drover.jobs.sql.runtime.RowCodec;
import io.drover.jobs.sql.runtime.SortKeyCodec;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.MultipleInputsMapReduceDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceFeeder;
import org.apache.hadoop.mrunit.types.KeyValueReuseList;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * The repartition join's MapReduce glue through MRUnit: the real {@link StageMapper} and {@link
 * StageReducer} running a Join stage compiled from SQL by the real compiler and configured by
 * {@link StageJobs#create} (the encoded plan in the job's configuration), with Hadoop's shuffle
 * played by the job's own sort comparator, {@link Keys.JoinGrouping} and {@link
 * Keys.JoinPartitioner}. Every result is checked against a nested-loop join written here from
 * SQL's definitions, over sides with NULL keys, duplicate keys on both sides, empty sides and a
 * skewed key, for every join kind with either side buffered.
 */
class StageJoinMrUnitTest {
  static Path dir;
  static Catalog catalog;

  @BeforeAll
  static void tables() throws Exception {
    dir = TestDirs.fresh("stage-join-mrunit");
    catalog = HiveDdl.addTables(Catalog.empty(),
        "CREATE TABLE l (k BIGINT, v BIGINT) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'"
            + " LOCATION '" + dir.resolve("l") + "';\n"
            + "CREATE TABLE r (k BIGINT, w BIGINT) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'"
            + " LOCATION '" + dir.resolve("r") + "';\n", "test");
  }

  /** Each kind's query: the left's columns then the right's (SEMI and ANTI: the left's). */
  static String query(JoinKind kind, boolean residual) {
    String on = "l.k = r.k" + (residual ? " AND l.v < r.w" : "");
    return switch (kind) {
      case INNER -> "SELECT l.k, l.v, r.k, r.w FROM l JOIN r ON " + on;
      case LEFT -> "SELECT l.k, l.v, r.k, r.w FROM l LEFT JOIN r ON " + on;
      case RIGHT -> "SELECT l.k, l.v, r.k, r.w FROM l RIGHT JOIN r ON " + on;
      case FULL -> "SELECT l.k, l.v, r.k, r.w FROM l FULL OUTER JOIN r ON " + on;
      case SEMI -> "SELECT l.k, l.v FROM l WHERE EXISTS (SELECT * FROM r WHERE " + on + ")";
      case ANTI -> "SELECT l.k, l.v FROM l WHERE NOT EXISTS (SELECT * FROM r WHERE " + on + ")";
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  static final JoinKind[] KINDS = {JoinKind.INNER, JoinKind.LEFT, JoinKind.RIGHT, JoinKind.FULL,
    JoinKind.SEMI, JoinKind.ANTI};

  /** A compiled query's join stage and the configuration its job runs with. */
  record Compiled(Stage stage, Shuffle.Join join, Configuration conf) {
    List<Field> schema(int side) {
      return stage.sideSchemas().get(side);
    }
  }

  /**
   * Compiles {@code sql} with broadcasting off; {@code buffered} picks the buffered side through
   * the tables' sizes (the planner buffers the smaller).
   */
  static Compiled compile(String sql, int buffered, long joinMemory) throws Exception {
    var logical = Rules.optimize(new SqlTranslator(catalog, ZoneOffset.UTC).translate(sql));
    long small = 1000;
    long big = 1_000_000;
    PhysicalPlan plan = PhysicalPlanner.plan(logical,
        t -> t.name().equals("l") == (buffered == 0) ? small : big,
        new PhysicalPlanner.Options(-1, Set.of()));
    assertEquals(1, plan.stages().size(), plan.explain());
    Stage stage = plan.stages().get(0);
    Shuffle.Join j = (Shuffle.Join) stage.shuffle();
    assertEquals(buffered, j.buffered(), plan.explain());
    assertEquals(List.of(0, 1), stage.sides(), plan.explain());
    Configuration base = LocalConf.create();
    base.setInt(SqlConf.REDUCERS, 1);
    base.setLong(SqlConf.JOIN_MEMORY, joinMemory);
    Job job = StageJobs.create(base, plan, SqlConf.encode(plan), stage, Map.of(),
        new org.apache.hadoop.fs.Path(dir.resolve("out").toUri()), false, "tsv");
    // the shuffle MRUnit plays below is the one this job asks Hadoop for
    assertEquals(Keys.JoinGrouping.class, job.getGroupingComparator().getClass());
    assertEquals(BytesKey.Comparator.class, job.getSortComparator().getClass());
    assertEquals(Keys.JoinPartitioner.class, job.getPartitionerClass());
    assertEquals(StageMapper.class, job.getMapperClass());
    assertEquals(StageReducer.class, job.getReducerClass());
    return new Compiled(stage, j, job.getConfiguration());
  }

  // --- the data and the oracle ---

  /** Rows (k, v): k NULL one time in 8, the hot key 7 one time in 4, else 0..5; v NULL 1 in 10. */
  static List<Long[]> side(Random rnd, int n) {
    List<Long[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long k = rnd.nextInt(8) == 0 ? null : rnd.nextInt(4) == 0 ? 7L : (long) rnd.nextInt(6);
      Long v = rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(10);
      rows.add(new Long[] {k, v});
    }
    return rows;
  }

  static String line(Long[] row) {
    return (row[0] == null ? "\\N" : row[0].toString()) + "|"
        + (row[1] == null ? "\\N" : row[1].toString());
  }

  /**
   * SQL's definition of each join, by nested loops ({@link JoinsTest#oracle}, the one oracle of
   * the join package), as a multiset of rows sorted by {@link #ROWS}.
   */
  static List<List<Object>> oracle(JoinKind kind, List<Long[]> ls, List<Long[]> rs,
      boolean residual) {
    List<List<Object>> out =
        JoinsTest.oracle(kind, new ArrayList<Object[]>(ls), new ArrayList<Object[]>(rs), residual);
    out.sort(ROWS);
    return out;
  }

  static final Comparator<List<Object>> ROWS = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Comparator.nullsFirst(Comparator.<Long>naturalOrder())
          .compare((Long) a.get(i), (Long) b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  /** Whether SQL keeps a side's rows that match nothing (so its NULL keys must reach a reducer). */
  static boolean keepsUnmatched(JoinKind kind, int side) {
    return switch (kind) {
      case LEFT, ANTI -> side == 0;
      case RIGHT -> side == 1;
      case FULL -> true;
      default -> false;
    };
  }

  // --- driving the real mapper and reducer ---

  /**
   * The stage's mapper reading branch {@code branch}: MRUnit's context gives a plain file split,
   * so the test hands it the {@link BranchSplit} that {@link BranchInputFormat} gives a task.
   */
  static StageMapper mapper(int branch) {
    BranchSplit split = new BranchSplit(branch, new FileSplit(
        new org.apache.hadoop.fs.Path(dir.resolve(branch == 0 ? "l" : "r").resolve("part-0")
            .toUri()), 0, 1 << 20, new String[0]), true);
    return new StageMapper() {
      @Override
      protected void setup(Context context) {
        Mockito.doReturn(split).when(context).getInputSplit();
        super.setup(context);
      }
    };
  }

  static List<Pair<BytesKey, BytesKey>> map(Compiled c, int branch, List<Long[]> rows)
      throws Exception {
    if (rows.isEmpty()) {
      return List.of(); // a task without records writes nothing (MRUnit wants an input)
    }
    MapDriver<Writable, Writable, Writable, Writable> d = MapDriver.newMapDriver(mapper(branch));
    d.setConfiguration(new Configuration(c.conf()));
    long offset = 0;
    for (Long[] row : rows) {
      String s = line(row);
      d.addInput(new LongWritable(offset), new Text(s));
      offset += s.length() + 1;
    }
    List<Pair<BytesKey, BytesKey>> out = new ArrayList<>();
    for (Pair<Writable, Writable> p : d.run()) {
      out.add(new Pair<>((BytesKey) p.getFirst(), (BytesKey) p.getSecond()));
    }
    return out;
  }

  /** The reducer's output rows (binary rows of the stage's schema), sorted. */
  static List<List<Object>> rows(Compiled c, List<Pair<Writable, Writable>> out) {
    RowCodec codec = new RowCodec(c.stage().schema().stream().map(Field::type).toList());
    List<List<Object>> rows = new ArrayList<>();
    for (Pair<Writable, Writable> p : out) {
      BytesKey v = (BytesKey) p.getSecond();
      rows.add(Arrays.asList(codec.decode(v.bytes(), 0, v.length())));
    }
    rows.sort(ROWS);
    return rows;
  }

  static List<List<Object>> reduce(Compiled c, List<KeyValueReuseList<BytesKey, BytesKey>> groups)
      throws Exception {
    ReduceDriver<BytesKey, BytesKey, Writable, Writable> d =
        ReduceDriver.newReduceDriver(new StageReducer());
    d.setConfiguration(new Configuration(c.conf()));
    d.withAllElements(groups);
    return rows(c, d.run());
  }

  /** The wire form of a side's row: its key's bytes and the side's tag, and the row's bytes. */
  static Pair<BytesKey, BytesKey> wire(Compiled c, int side, Long[] row) {
    Shuffle.Join j = c.join();
    SortKeyCodec keys = Keys.joinCodec(side == 0 ? j.leftKeys() : j.rightKeys());
    byte[] k = keys.encode(new Object[] {row[0]});
    byte[] tagged = Arrays.copyOf(k, k.length + 1);
    tagged[k.length] = (byte) (side == j.buffered() ? 0 : 1);
    List<Field> schema = c.schema(side);
    Object[] r = schema.size() == 1 ? new Object[] {row[0]} : new Object[] {row[0], row[1]};
    byte[] v = new RowCodec(schema.stream().map(Field::type).toList()).encode(r);
    return new Pair<>(new BytesKey(tagged), new BytesKey(v));
  }

  /**
   * The reduce input Hadoop's shuffle makes of these rows, written out by hand: one group per
   * key value (the NULL key too), the buffered side's rows first with tag 0, then the streamed
   * side's with tag 1, the group's key object changing as its values are read.
   */
  static List<KeyValueReuseList<BytesKey, BytesKey>> groups(Compiled c, List<Long[]> ls,
      List<Long[]> rs) {
    Map<Long, List<Long[]>[]> byKey = new java.util.TreeMap<>(
        Comparator.nullsFirst(Comparator.naturalOrder()));
    for (int side = 0; side <= 1; side++) {
      for (Long[] row : side == 0 ? ls : rs) {
        @SuppressWarnings("unchecked")
        List<Long[]>[] both = byKey.computeIfAbsent(row[0],
            x -> new List[] {new ArrayList<>(), new ArrayList<>()});
        both[side].add(row);
      }
    }
    int held = c.join().buffered();
    Configuration conf = c.conf();
    List<KeyValueReuseList<BytesKey, BytesKey>> out = new ArrayList<>();
    for (List<Long[]>[] both : byKey.values()) {
      List<Pair<BytesKey, BytesKey>> group = new ArrayList<>();
      both[held].forEach(r -> group.add(wire(c, held, r)));
      both[1 - held].forEach(r -> group.add(wire(c, 1 - held, r)));
      KeyValueReuseList<BytesKey, BytesKey> g = new KeyValueReuseList<>(
          new BytesKey(group.get(0).getFirst().bytes().clone()), new BytesKey(), conf);
      g.addAll(group);
      out.add(g);
    }
    return out;
  }

  static Long[] row(Long k, Long v) {
    return new Long[] {k, v};
  }

  static List<Long[]> keyed(Long k, int n, long from) {
    List<Long[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(row(k, from + i));
    }
    return out;
  }

  // --- the mapper ---

  @Test
  void theMapperTagsTheBufferedSideZeroAndDropsNullKeysOnlyWhereTheyCannotBeKept()
      throws Exception {
    List<Long[]> rows = side(new Random(11), 60);
    rows.add(row(null, null));
    for (JoinKind kind : KINDS) {
      for (int buffered = 0; buffered <= 1; buffered++) {
        Compiled c = compile(query(kind, false), buffered, 1L << 30);
        for (int side = 0; side <= 1; side++) {
          String what = kind + " buffered " + buffered + " side " + side;
          List<Pair<BytesKey, BytesKey>> out = map(c, side, rows);
          boolean keeps = keepsUnmatched(kind, side);
          List<Long[]> want = rows.stream().filter(r -> r[0] != null || keeps).toList();
          assertTrue(want.size() < rows.size() || keepsUnmatched(kind, side), what);
          assertEquals(want.size(), out.size(), what);
          Shuffle.Join j = c.join();
          SortKeyCodec keys = Keys.joinCodec(side == 0 ? j.leftKeys() : j.rightKeys());
          List<Field> schema = c.schema(side);
          RowCodec values = new RowCodec(schema.stream().map(Field::type).toList());
          for (int i = 0; i < want.size(); i++) {
            BytesKey k = out.get(i).getFirst();
            assertEquals(side == buffered ? 0 : 1, k.bytes()[k.length() - 1], what + " tag");
            assertEquals(Arrays.asList(want.get(i)[0]),
                Arrays.asList(keys.decode(k.bytes(), 0, k.length() - 1)), what + " key " + i);
            BytesKey v = out.get(i).getSecond();
            List<Object> expected = schema.size() == 1 ? Arrays.asList(want.get(i)[0])
                : Arrays.asList(want.get(i)[0], want.get(i)[1]);
            assertEquals(expected, Arrays.asList(values.decode(v.bytes(), 0, v.length())),
                what + " row " + i);
          }
        }
      }
    }
  }

  @Test
  void theBufferedSidesKeySortsFirstAndGroupsAndPartitionsWithTheStreamedSides()
      throws Exception {
    Compiled c = compile(query(JoinKind.FULL, false), 1, 1L << 30);
    List<Long[]> rows = side(new Random(5), 80);
    List<Pair<BytesKey, BytesKey>> left = map(c, 0, rows);
    List<Pair<BytesKey, BytesKey>> right = map(c, 1, rows);
    BytesKey.Comparator sort = new BytesKey.Comparator();
    Keys.JoinGrouping group = new Keys.JoinGrouping();
    Keys.JoinPartitioner part = new Keys.JoinPartitioner();
    for (int i = 0; i < rows.size(); i++) {
      BytesKey streamed = left.get(i).getFirst(); // the same row's key from both sides
      BytesKey held = right.get(i).getFirst();
      byte[] a = serialized(held);
      byte[] b = serialized(streamed);
      assertTrue(sort.compare(a, 0, a.length, b, 0, b.length) < 0, "tag 0 first, row " + i);
      assertEquals(0, group.compare(a, 0, a.length, b, 0, b.length), "one group, row " + i);
      assertEquals(0, group.compare(held, streamed), "one group as objects, row " + i);
      for (int n : new int[] {1, 2, 3, 7, 64}) {
        assertEquals(part.getPartition(held, null, n), part.getPartition(streamed, null, n),
            "one partition of " + n + ", row " + i);
      }
      // and as any two keys: the raw and object forms agree, and with the key values' order
      for (int j = 0; j < rows.size(); j++) {
        BytesKey other = right.get(j).getFirst();
        byte[] o = serialized(other);
        int raw = Integer.signum(group.compare(a, 0, a.length, o, 0, o.length));
        assertEquals(raw, Integer.signum(group.compare(held, other)));
        assertEquals(Integer.signum(Comparator.nullsFirst(Comparator.<Long>naturalOrder())
            .compare(rows.get(i)[0], rows.get(j)[0])), raw, "rows " + i + ", " + j);
      }
    }
  }

  static byte[] serialized(BytesKey k) throws Exception {
    DataOutputBuffer out = new DataOutputBuffer();
    k.write(out);
    return Arrays.copyOf(out.getData(), out.getLength());
  }

  // --- the reducer ---

  @Test
  void theReducerJoinsEachKeysGroupAsSqlSays() throws Exception {
    Map<String, List<List<Long[]>>> cases = new HashMap<>();
    List<Long[]> dupL = new ArrayList<>(keyed(1L, 3, 0));
    dupL.addAll(keyed(2L, 1, 10));
    List<Long[]> dupR = new ArrayList<>(keyed(1L, 4, 3));
    dupR.addAll(keyed(3L, 2, 0));
    cases.put("duplicate keys on both sides", List.of(dupL, dupR));
    List<Long[]> nullL = new ArrayList<>(keyed(null, 3, 0));
    nullL.addAll(keyed(4L, 2, 0));
    List<Long[]> nullR = new ArrayList<>(keyed(null, 2, 5));
    nullR.addAll(keyed(4L, 1, 9));
    cases.put("NULL keys on both sides", List.of(nullL, nullR));
    cases.put("empty left side", List.of(List.of(), side(new Random(2), 30)));
    cases.put("empty right side", List.of(side(new Random(3), 30), List.of()));
    cases.put("random sides", List.of(side(new Random(4), 50), side(new Random(5), 40)));
    for (Map.Entry<String, List<List<Long[]>>> e : cases.entrySet()) {
      List<Long[]> ls = e.getValue().get(0);
      List<Long[]> rs = e.getValue().get(1);
      for (JoinKind kind : KINDS) {
        for (boolean residual : new boolean[] {false, true}) {
          for (int buffered = 0; buffered <= 1; buffered++) {
            Compiled c = compile(query(kind, residual), buffered, 1L << 30);
            assertEquals(oracle(kind, ls, rs, residual), reduce(c, groups(c, ls, rs)),
                e.getKey() + ": " + kind + (residual ? " with residual" : "") + ", buffered "
                    + buffered);
          }
        }
      }
    }
    // the full product of a duplicated key, counted: not just equal to the oracle
    Compiled inner = compile(query(JoinKind.INNER, false), 0, 1L << 30);
    assertEquals(12, reduce(inner, groups(inner, dupL, dupR)).size());
  }

  @Test
  void aSkewedKeyStreamsItsManyRowsWhileTheHeldSideStaysWithinTheJoinMemory()
      throws Exception {
    List<Long[]> ls = new ArrayList<>(keyed(7L, 3, 0));
    ls.add(row(8L, 1L));
    List<Long[]> rs = new ArrayList<>(keyed(7L, 20_000, 0)); // 20,000 rows of one key
    rs.addAll(keyed(9L, 2, 0));
    // about 80 bytes a held row: the 3 held rows fit in 1,000 bytes, the streamed ones never would
    for (JoinKind kind : KINDS) {
      Compiled c = compile(query(kind, true), 0, 1000);
      List<List<Object>> got = reduce(c, groups(c, ls, rs));
      assertEquals(oracle(kind, ls, rs, true), got, kind.toString());
    }
    Compiled inner = compile(query(JoinKind.INNER, false), 0, 1000);
    assertEquals(60_000, reduce(inner, groups(inner, ls, rs)).size());
  }

  @Test
  void aHeldSideOverTheJoinMemoryIsTheJoinMemoryErrorNotAnOutOfMemoryError() throws Exception {
    Compiled c = compile(query(JoinKind.INNER, false), 1, 2000);
    List<Long[]> ls = keyed(5L, 3, 0);
    List<Long[]> rs = keyed(5L, 200, 0); // one key's 200 buffered rows: about 16,000 bytes
    JoinMemory.Exceeded e = assertThrows(JoinMemory.Exceeded.class,
        () -> reduce(c, groups(c, ls, rs)));
    assertTrue(e.getMessage().startsWith("the buffered side of repartition INNER join")
        && e.getMessage().contains("holds more than 2,000 bytes of rows in one task")
        && e.getMessage().contains("-D " + SqlConf.JOIN_MEMORY + "=BYTES"), e.getMessage());
    // the memory is per key: the same rows spread over keys of 20 rows each fit
    List<Long[]> spread = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      spread.add(row((long) i / 20, (long) i));
    }
    List<Long[]> probe = keyed(5L, 3, 0);
    assertEquals(oracle(JoinKind.INNER, probe, spread, false),
        reduce(c, groups(c, probe, spread)));
  }

  // --- map, shuffle and reduce ---

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void mapShuffleAndReduceWithTheJobsComparatorsEqualNestedLoops() throws Exception {
    Random rnd = new Random(20261206);
    for (int trial = 0; trial < 3; trial++) {
      List<Long[]> ls = side(rnd, trial == 0 ? 0 : 40 + rnd.nextInt(40));
      List<Long[]> rs = side(rnd, trial == 1 ? 0 : 40 + rnd.nextInt(40));
      for (JoinKind kind : KINDS) {
        for (int buffered = 0; buffered <= 1; buffered++) {
          String what = "trial " + trial + " " + kind + " buffered " + buffered;
          Compiled c = compile(query(kind, trial == 2), buffered, 1L << 30);
          List<List<Object>> want = oracle(kind, ls, rs, trial == 2);
          // one reducer: MRUnit's shuffle with the job's sort and grouping comparators
          Mapper m0 = mapper(0);
          Mapper m1 = mapper(1);
          MultipleInputsMapReduceDriver d = MultipleInputsMapReduceDriver
              .newMultipleInputMapReduceDriver(new StageReducer());
          d.setConfiguration(new Configuration(c.conf()));
          if (!ls.isEmpty()) { // MRUnit wants each mapper to have an input
            d.withMapper(m0);
          }
          if (!rs.isEmpty()) {
            d.withMapper(m1);
          }
          d.withKeyOrderComparator(new BytesKey.Comparator())
              .withKeyGroupingComparator(new Keys.JoinGrouping());
          for (int side = 0; side <= 1; side++) {
            long offset = 0;
            for (Long[] row : side == 0 ? ls : rs) {
              d.addInput(side == 0 ? m0 : m1, new LongWritable(offset), new Text(line(row)));
              offset += line(row).length() + 1;
            }
          }
          assertEquals(want, rows(c, d.run()), what);
          // several reducers: each map output to its JoinPartitioner partition, each partition
          // sorted and grouped by the job's comparators and reduced alone
          List<Pair<BytesKey, BytesKey>> mapped = new ArrayList<>(map(c, 0, ls));
          mapped.addAll(map(c, 1, rs));
          for (int n : new int[] {2, 3, 5}) {
            List<List<Pair<BytesKey, BytesKey>>> parts = new ArrayList<>();
            for (int p = 0; p < n; p++) {
              parts.add(new ArrayList<>());
            }
            Keys.JoinPartitioner partitioner = new Keys.JoinPartitioner();
            for (Pair<BytesKey, BytesKey> p : mapped) {
              parts.get(partitioner.getPartition(p.getFirst(), p.getSecond(), n)).add(p);
            }
            List<List<Object>> all = new ArrayList<>();
            Map<List<Byte>, Integer> keyPartition = new HashMap<>();
            for (int p = 0; p < n; p++) {
              List<KeyValueReuseList<BytesKey, BytesKey>> groups =
                  new ReduceFeeder<BytesKey, BytesKey>(c.conf()).sortAndGroup(parts.get(p),
                      new BytesKey.Comparator(), new Keys.JoinGrouping());
              for (KeyValueReuseList<BytesKey, BytesKey> g : groups) {
                int tag = 0;
                List<Byte> key = null;
                for (Pair<BytesKey, BytesKey> kv : g) {
                  BytesKey k = kv.getFirst();
                  int t = k.bytes()[k.length() - 1];
                  assertTrue(t >= tag, what + ": tag 0 (buffered) before tag 1 in a group");
                  tag = t;
                  List<Byte> prefix = new ArrayList<>();
                  for (int i = 0; i < k.length() - 1; i++) {
                    prefix.add(k.bytes()[i]);
                  }
                  assertTrue(key == null || key.equals(prefix), what + ": one key per group");
                  key = prefix;
                }
                Integer before = keyPartition.put(key, p);
                assertTrue(before == null, what + ": a key's rows in one group of one partition"
                    + " of " + n);
              }
              all.addAll(reduce(c, groups));
            }
            all.sort(ROWS);
            assertEquals(want, all, what + " over " + n + " reducers");
          }
        }
      }
    }
  }
}
