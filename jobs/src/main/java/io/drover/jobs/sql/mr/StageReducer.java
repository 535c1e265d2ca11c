package io.drover.jobs.sql.mr;

import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.sql.exec.Aggregation;
import io.drover.jobs.sql.exec.Chain;
import io.drover.jobs.sql.exec.GroupJoin;
import io.drover.jobs.sql.exec.JoinMemory;
import io.drover.jobs.sql.exec.RowSink;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.physical.PhysicalPlan;
import io.drover.jobs.sql.physical.Shuffle;
import io.drover.jobs.sql.physical.Stage;
import io.drover.jobs.sql.runtime.RowCodec;
import io.drover.jobs.sql.runtime.SortKeyCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * A SQL stage's reduce task: the shuffle's operator (final aggregation, the repartition join of
 * one key's rows, or the sorted rows), then the stage's reduce-side operators, then the output.
 */
public class StageReducer extends Reducer<BytesKey, BytesKey, Writable, Writable> {
  private Stage stage;
  private RowSink head;
  private Aggregation agg;
  private org.apache.hadoop.mapreduce.Counter groups;
  private SortKeyCodec groupKeys;
  private boolean sawGroup;
  private GroupJoin join;
  private RowCodec left;
  private RowCodec right;
  private JoinMemory memory;
  private RowCodec rows;
  private FormatScan.Tally tally;

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    PhysicalPlan plan = SqlConf.plan(conf);
    stage = SqlConf.stage(conf, plan);
    List<List<Field>> sides = stage.sideSchemas();
    List<Field> in = stage.shuffle().schema(sides);
    // broadcast sides joined after the shuffle: reduce task 0 counts their bad fields once
    boolean counts = context.getTaskAttemptID().getTaskID().getId() == 0;
    head = StageTask.chain(conf, in, stage.reduceOps(), StageTask.output(conf, plan, stage,
        context), n -> {
          if (counts) {
            context.getCounter(SqlCounters.BAD_VALUES).increment(n);
          }
        }, counts ? tally = new FormatScan.Tally(conf, context, stage.id()) : null);
    if (stage.shuffle() instanceof Shuffle.GroupBy g) {
      agg = new Aggregation(g.calls());
      groups = context.getCounter(SqlCounters.GROUPS);
      groupKeys = Keys.groupCodec(g.keys());
    } else if (stage.shuffle() instanceof Shuffle.Join j) {
      join = new GroupJoin(j, sides.get(0), sides.get(1), this::emit, SqlConf.zone(conf));
      left = codec(sides.get(0));
      right = codec(sides.get(1));
      memory = StageTask.memory(conf);
    } else {
      rows = codec(sides.get(0));
    }
  }

  private static RowCodec codec(List<Field> schema) {
    return new RowCodec(schema.stream().map(Field::type).toList());
  }

  private void emit(Object[] row) {
    head.accept(row);
  }

  @Override
  protected void reduce(BytesKey key, Iterable<BytesKey> values, Context context)
      throws IOException, InterruptedException {
    try {
      if (agg != null) {
        sawGroup = true;
        groups.increment(1);
        Object[] states = agg.newStates();
        for (BytesKey v : values) {
          agg.merge(states, v.bytes(), 0, v.length());
        }
        head.accept(Chain.concat(groupKeys.decode(key.bytes(), 0, key.length()),
            agg.results(states)));
      } else if (join != null) {
        joinGroup(key, values.iterator());
      } else {
        for (BytesKey v : values) {
          head.accept(rows.decode(v.bytes(), 0, v.length()));
        }
      }
    } catch (StageTask.Failure f) {
      throw StageMapper.unwrap(f);
    }
  }

  /** One join key: the buffered side's rows (tag 0, first) held, the rest streamed. */
  private void joinGroup(BytesKey key, Iterator<BytesKey> values) {
    Shuffle.Join j = (Shuffle.Join) stage.shuffle();
    RowCodec heldCodec = j.buffered() == 0 ? left : right;
    RowCodec streamedCodec = j.buffered() == 0 ? right : left;
    int keyLength = key.length() - 1;
    boolean keyHasNull = Chain.hasNull(Keys.joinCodec(j.leftKeys())
        .decode(key.bytes(), 0, keyLength));
    List<Object[]> held = new ArrayList<>();
    memory.release();
    Object[] first = null;
    while (values.hasNext()) {
      BytesKey v = values.next();
      Object[] row;
      if (key.bytes()[key.length() - 1] == 0) {
        row = heldCodec.decode(v.bytes(), 0, v.length());
        memory.hold(row, "the buffered side of " + j);
        held.add(row);
      } else {
        first = streamedCodec.decode(v.bytes(), 0, v.length());
        break;
      }
    }
    Object[] head0 = first;
    Iterator<Object[]> streamed = new Iterator<>() {
      Object[] next = head0;

      public boolean hasNext() {
        if (next == null && values.hasNext()) {
          BytesKey v = values.next();
          next = streamedCodec.decode(v.bytes(), 0, v.length());
        }
        return next != null;
      }

      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Object[] r = next;
        next = null;
        return r;
      }
    };
    join.group(held, streamed, keyHasNull);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    try {
      if (agg != null && !sawGroup && ((Shuffle.GroupBy) stage.shuffle()).keys().isEmpty()) {
        head.accept(agg.results(agg.newStates())); // a global aggregate of no rows: one row
      }
      head.finish();
    } catch (StageTask.Failure f) {
      throw StageMapper.unwrap(f);
    }
    if (tally != null) {
      tally.report(context, stage.id());
    }
  }
}
