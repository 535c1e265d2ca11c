package io.drover.jobs.sql.mr;

import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.sql.exec.Aggregation;
import io.drover.jobs.sql.exec.Chain;
import io.drover.jobs.sql.exec.RowSink;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan.JoinKind;
import io.drover.jobs.sql.logical.Plan.SortKey;
import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.PhysicalPlan;
import io.drover.jobs.sql.physical.Shuffle;
import io.drover.jobs.sql.physical.Source;
import io.drover.jobs.sql.physical.Stage;
import io.drover.jobs.sql.runtime.Evaluator;
import io.drover.jobs.sql.runtime.RowCodec;
import io.drover.jobs.sql.runtime.SortKeyCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * A SQL stage's map task: reads its branch's rows (a table's text lines, a Parquet table's
 * records or an earlier stage's binary rows), pushes them through the branch's operators, then
 * into the shuffle (partial aggregation, tagged join rows, sort keys) or, for a map-only stage,
 * the output.
 */
public class StageMapper extends Mapper<Writable, Writable, Writable, Writable> {
  private RowSink head;
  private SplitRows rows;
  private FormatScan.Tally tally;
  private int stageId;

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    PhysicalPlan plan = SqlConf.plan(conf);
    Stage stage = SqlConf.stage(conf, plan);
    int index = ((BranchSplit) context.getInputSplit()).branch();
    Branch branch = stage.inputs().get(index);
    Source src = branch.source();
    tally = new FormatScan.Tally(conf, context, stage.id());
    stageId = stage.id();
    rows = new SplitRows(conf, src,
        ((BranchSplit) context.getInputSplit()).file().getPath().toString(), tally);
    RowSink end = stage.shuffle() == null ? StageTask.output(conf, plan, stage, context)
        : shuffleSink(conf, stage, stage.sides().get(index), branch.schema(), context);
    // the broadcast sides' bad fields are counted by one task of the branch (every task reads
    // them), so the query's count is the table's
    boolean counts = ((BranchSplit) context.getInputSplit()).first();
    head = StageTask.chain(conf, src.schema(), branch.ops(), end,
        n -> {
          if (counts) {
            context.getCounter(SqlCounters.BAD_VALUES).increment(n);
          }
        }, counts ? tally : null);
  }

  @Override
  protected void map(Writable key, Writable value, Context context)
      throws IOException, InterruptedException {
    Object[] row = rows.row(key, value);
    if (row == null) {
      return; // a header, or a bad record (counted)
    }
    try {
      head.accept(row);
    } catch (StageTask.Failure f) {
      throw unwrap(f);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    try {
      head.finish();
    } catch (StageTask.Failure f) {
      throw unwrap(f);
    }
    if (rows.badValues() > 0) {
      context.getCounter(SqlCounters.BAD_VALUES).increment(rows.badValues());
    }
    if (context.getConfiguration().getBoolean(SqlConf.VALUE_COUNTERS, false)) {
      context.getCounter(SqlCounters.VALUES_READ).increment(rows.countValues(context));
    }
    tally.report(context, stageId);
  }

  static IOException unwrap(StageTask.Failure f) throws InterruptedException {
    if (f.getCause() instanceof InterruptedException ie) {
      throw ie;
    }
    return (IOException) f.getCause();
  }

  /** The sink that feeds the stage's shuffle from rows of {@code schema}. */
  static RowSink shuffleSink(Configuration conf, Stage stage, int side, List<Field> schema,
      Context context) {
    BytesKey k = new BytesKey();
    BytesKey v = new BytesKey();
    if (stage.shuffle() instanceof Shuffle.GroupBy g) {
      return new PartialAggregation(conf, g, schema, k, v, context);
    }
    RowCodec rows = new RowCodec(schema.stream().map(Field::type).toList());
    if (stage.shuffle() instanceof Shuffle.Join j) {
      List<Expr> keys = side == 0 ? j.leftKeys() : j.rightKeys();
      Evaluator.Fn[] fns = Chain.compile(keys, schema, SqlConf.zone(conf));
      SortKeyCodec codec = Keys.joinCodec(keys);
      byte tag = (byte) (side == j.buffered() ? 0 : 1);
      boolean keepsNullKeys = keepsUnmatched(j.kind(), side);
      return row -> {
        Object[] kv = Chain.eval(fns, row);
        if (!keepsNullKeys && Chain.hasNull(kv)) {
          return; // never matches, and this side's unmatched rows are not kept
        }
        byte[] kb = codec.encode(kv);
        byte[] withTag = Arrays.copyOf(kb, kb.length + 1);
        withTag[kb.length] = tag;
        k.set(withTag, 0, withTag.length);
        byte[] vb = rows.encode(row);
        v.set(vb, 0, vb.length);
        StageTask.write(context, k, v);
      };
    }
    Shuffle.Sort s = (Shuffle.Sort) stage.shuffle();
    List<Expr> exprs = s.keys().stream().map(SortKey::expr).toList();
    Evaluator.Fn[] fns = Chain.compile(exprs, schema, SqlConf.zone(conf));
    SortKeyCodec codec = Keys.sortCodec(s.keys());
    return row -> {
      byte[] kb = codec.encode(Chain.eval(fns, row));
      k.set(kb, 0, kb.length);
      byte[] vb = rows.encode(row);
      v.set(vb, 0, vb.length);
      StageTask.write(context, k, v);
    };
  }

  /** Whether a join keeps this side's rows that match nothing (so NULL keys must travel). */
  static boolean keepsUnmatched(JoinKind kind, int side) {
    return switch (kind) {
      case LEFT, SEMI, ANTI -> side == 0 && kind != JoinKind.SEMI;
      case RIGHT -> side == 1;
      case FULL -> true;
      default -> false;
    };
  }

  /**
   * GROUP BY's map side: a hash table of partial states per key, emitted (key bytes, state
   * bytes) when its estimated heap bytes reach {@link SqlConf#MAP_AGG_BYTES} (counted in {@link
   * SqlCounters#MAP_AGG_FLUSHES}) and at the end.
   */
  static final class PartialAggregation implements RowSink {
    private final Evaluator.Fn[] keys;
    private final Aggregation agg;
    private final SortKeyCodec codec;
    private final Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
    private final long maxBytes;
    /** The table's estimated heap bytes: per group its entry, key values and states. */
    private long bytes;
    private final BytesKey k;
    private final BytesKey v;
    private final Context context;

    PartialAggregation(Configuration conf, Shuffle.GroupBy g, List<Field> schema, BytesKey k,
        BytesKey v, Context context) {
      this.keys = Chain.compile(g.keys(), schema, SqlConf.zone(conf));
      this.agg = new Aggregation(g.calls(), schema, SqlConf.zone(conf));
      this.codec = Keys.groupCodec(g.keys());
      this.maxBytes = conf.getLong(SqlConf.MAP_AGG_BYTES, SqlConf.MAP_AGG_BYTES_DEFAULT);
      this.k = k;
      this.v = v;
      this.context = context;
    }

    public void accept(Object[] row) {
      List<Object> key = Arrays.asList(Chain.eval(keys, row));
      Object[] states = groups.get(key);
      if (states == null) {
        states = agg.newStates();
        groups.put(key, states);
        bytes += GROUP_BYTES + keyBytes(key) + agg.heapBytes(states);
      }
      bytes += agg.add(states, row);
      if (bytes >= maxBytes) {
        context.getCounter(SqlCounters.MAP_AGG_FLUSHES).increment(1);
        flush();
      }
    }

    /** A LinkedHashMap entry and the key's list and array. */
    private static final int GROUP_BYTES = 96;

    private static long keyBytes(List<Object> key) {
      long n = 0;
      for (Object v : key) {
        n += v instanceof String s ? 48 + 2L * s.length() : v instanceof byte[] b ? 16 + b.length
            : 24;
      }
      return n;
    }

    public void finish() {
      flush();
    }

    private void flush() {
      for (Map.Entry<List<Object>, Object[]> e : groups.entrySet()) {
        byte[] kb = codec.encode(e.getKey().toArray());
        k.set(kb, 0, kb.length);
        byte[] sb = agg.write(e.getValue());
        v.set(sb, 0, sb.length);
        StageTask.write(context, k, v);
      }
      groups.clear();
      bytes = 0;
    }
  }
}
