package io.drover.jobs.aggregate;

import io.drover.jobs.aggregate.agg.Accumulator;
import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.aggregate.input.Inference;
import io.drover.jobs.aggregate.input.RecordParser;
import io.drover.jobs.aggregate.input.Schema;
import io.drover.jobs.aggregate.plan.Plan;
import io.drover.jobs.aggregate.plan.Planner;
import io.drover.jobs.aggregate.plan.RowFormat;
import io.drover.jobs.aggregate.sql.QueryParser;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The pure pieces wired as the MapReduce job wires them, in memory: parse, filter, key and update
 * per "split" (states written and read back, as they cross the shuffle), merge in the reducer,
 * finish, order. For unit tests of query semantics without Hadoop.
 */
public final class InMemoryAggregation {
  private InMemoryAggregation() {}

  public static List<String> run(String sql, Format format, List<String> lines) throws Exception {
    return run(sql, format, lines, 3, ZoneOffset.UTC);
  }

  /** Rows of the result as TSV lines, the input cut into {@code splits} round-robin parts. */
  public static List<String> run(String sql, Format format, List<String> lines, int splits,
      ZoneId zone) throws Exception {
    boolean header = format == Format.CSV || format == Format.TSV;
    Schema schema = Inference.infer(format, lines, header, ',', zone);
    Plan plan = Planner.plan(QueryParser.parse(sql), schema, zone);
    List<String> data = header ? lines.subList(1, lines.size()) : lines;
    TreeMap<Key, List<byte[]>> shuffle = new TreeMap<>();
    for (int s = 0; s < splits; s++) {
      RecordParser parser = Inference.parser(format, schema, ',', zone);
      TreeMap<Key, Accumulator[]> table = new TreeMap<>();
      for (int i = s; i < data.size(); i += splits) {
        Object[] row;
        try {
          row = parser.parse(data.get(i));
        } catch (BadRecordException e) {
          continue;
        }
        if (!plan.accept(row)) {
          continue;
        }
        Accumulator[] st = table.computeIfAbsent(new Key(plan.key(row)), k -> plan.newStates());
        plan.update(st, row);
      }
      table.forEach((k, st) ->
          shuffle.computeIfAbsent(k, x -> new ArrayList<>()).add(Plan.writeStates(st)));
    }
    if (plan.hasDistinct()) { // the first job's reducer output, regrouped by the group key
      TreeMap<Key, List<byte[]>> regrouped = new TreeMap<>();
      for (var e : shuffle.entrySet()) {
        Accumulator[] total = plan.newStates();
        for (byte[] b : e.getValue()) {
          Plan.merge(total, plan.readStates(b, 0, b.length));
        }
        byte[] g = plan.regroup(e.getKey().b, 0, e.getKey().b.length, total);
        regrouped.computeIfAbsent(new Key(g), x -> new ArrayList<>()).add(Plan.writeStates(total));
      }
      shuffle.clear();
      shuffle.putAll(regrouped);
    }
    if (plan.global() && shuffle.isEmpty()) {
      shuffle.put(new Key(new byte[0]), List.of(Plan.writeStates(plan.newStates())));
    }
    List<Plan.Result> results = new ArrayList<>();
    for (var e : shuffle.entrySet()) {
      Accumulator[] total = plan.newStates();
      for (byte[] b : e.getValue()) {
        Plan.merge(total, plan.readStates(b, 0, b.length));
      }
      Plan.Result r = plan.finish(e.getKey().b, 0, e.getKey().b.length, total);
      if (r != null) {
        results.add(r);
      }
    }
    if (plan.ordered()) {
      results.sort((a, b) -> Arrays.compareUnsigned(a.orderKey(), b.orderKey()));
      if (plan.limit() != null && results.size() > plan.limit()) {
        results = results.subList(0, (int) (long) plan.limit());
      }
    }
    List<String> out = new ArrayList<>();
    for (Plan.Result r : results) {
      out.add(plan.line(r.values(), RowFormat.TSV));
    }
    return out;
  }

  record Key(byte[] b) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return Arrays.compareUnsigned(b, o.b);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(b, k.b);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(b);
    }
  }
}
