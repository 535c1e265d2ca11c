package io.drover.jobs.aggregate.plan;

import io.drover.jobs.aggregate.agg.Accumulator;
import io.drover.jobs.aggregate.agg.AggregateFunction;
import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.Type;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What each phase of the aggregation does, decided once from the query and the input schema:
 * the mapper filters ({@link #accept}), computes the group key ({@link #key}) and updates partial
 * states ({@link #update}); combiners merge states; the reducer merges, finishes, applies HAVING
 * and computes the output columns ({@link #finish}); the optional second job orders and limits by
 * {@link Result#orderKey()}.
 *
 * <p>The aggregated row that HAVING, the output columns and ORDER BY read is the group key values
 * followed by the finished aggregates; ORDER BY may also read the output columns, which follow.
 */
public final class Plan {
  /** One ORDER BY item over the aggregated row plus output columns. */
  public record Order(Expr expr, boolean descending, boolean nullsFirst, String text) {}

  /** A finished group: its output values and line, its ORDER BY key (null when unordered). */
  public record Result(Object[] values, byte[] orderKey) {}

  final Expr where;
  final List<Expr> keys;
  final List<AggregateFunction> aggs;
  final List<Expr> outputs;
  final List<String> names;
  final Expr having;
  final List<Order> order;
  final Long limit;
  final ZoneId zone;
  /** The x of count(DISTINCT x), or null: then a first job groups by (key, x). */
  final Expr distinct;

  Plan(Expr where, List<Expr> keys, List<AggregateFunction> aggs, List<Expr> outputs,
      List<String> names, Expr having, List<Order> order, Long limit, ZoneId zone,
      Expr distinct) {
    this.distinct = distinct;
    this.where = where;
    this.keys = List.copyOf(keys);
    this.aggs = List.copyOf(aggs);
    this.outputs = List.copyOf(outputs);
    this.names = List.copyOf(names);
    this.having = having;
    this.order = List.copyOf(order);
    this.limit = limit;
    this.zone = zone;
    List<Expr> mk = new ArrayList<>(keys);
    if (distinct != null) {
      mk.add(distinct);
    }
    this.mapKeys = mk.toArray(new Expr[0]);
  }

  /** The map-side key expressions: the group keys, then the DISTINCT value when there is one. */
  private final Expr[] mapKeys;

  /**
   * The input columns the map side reads (WHERE, group keys, aggregate arguments, the DISTINCT
   * value): {@code used[i]} is true when column {@code i} of a row of {@code width} columns is
   * read. The others need not be converted from text (column pruning, as Spark's CSV reader).
   */
  public boolean[] inputColumns(int width) {
    boolean[] used = new boolean[width];
    List<Expr> roots = new ArrayList<>(keys);
    if (where != null) {
      roots.add(where);
    }
    if (distinct != null) {
      roots.add(distinct);
    }
    for (AggregateFunction a : aggs) {
      roots.addAll(a.inputs());
    }
    java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      Expr e = todo.pop();
      if (e instanceof Expr.Column c) {
        used[c.index()] = true;
      }
      todo.addAll(e.children());
    }
    return used;
  }

  public boolean accept(Object[] row) {
    return where == null || Boolean.TRUE.equals(where.eval(row));
  }

  /**
   * The shuffle key of a row in the first job: the group key, followed by the value of
   * count(DISTINCT x) when the query has one.
   */
  public byte[] key(Object[] row) {
    KeyCodec.Bytes out = new KeyCodec.Bytes();
    key(row, out);
    return out.toArray();
  }

  /** {@link #key(Object[])} written into {@code out} (reset first): no allocation per row. */
  public void key(Object[] row, KeyCodec.Bytes out) {
    out.reset();
    for (int i = 0; i < mapKeys.length; i++) {
      KeyCodec.encodeKeyValue(out, mapKeys[i].eval(row), mapKeys[i].type());
    }
  }

  private List<Type> mapKeyTypes() {
    List<Type> t = keyTypes();
    if (distinct != null) {
      t.add(distinct.type());
    }
    return t;
  }

  /** The query has count(DISTINCT x): two jobs group, first by (key, x), then by key. */
  public boolean hasDistinct() {
    return distinct != null;
  }

  /**
   * Second job of a DISTINCT plan: the group key of a (group key, x) key, and the states with
   * each count(DISTINCT x) set to count this x once (not at all when it is NULL).
   */
  public byte[] regroup(byte[] fullKey, int off, int len, Accumulator[] states) {
    Object[] v = KeyCodec.decodeKey(fullKey, off, len, mapKeyTypes());
    boolean present = v[v.length - 1] != null;
    for (int i = 0; i < states.length; i++) {
      if (aggs.get(i) instanceof io.drover.jobs.aggregate.agg.DistinctCount) {
        io.drover.jobs.aggregate.agg.DistinctCount.mark(states[i], present);
      }
    }
    return KeyCodec.encodeKey(java.util.Arrays.copyOf(v, v.length - 1), keyTypes());
  }

  public List<Type> keyTypes() {
    List<Type> t = new ArrayList<>();
    for (Expr k : keys) {
      t.add(k.type());
    }
    return t;
  }

  public boolean global() {
    return keys.isEmpty();
  }

  public Accumulator[] newStates() {
    Accumulator[] s = new Accumulator[aggs.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = aggs.get(i).newAccumulator();
    }
    return s;
  }

  public void update(Accumulator[] states, Object[] row) {
    for (int i = 0; i < states.length; i++) {
      states[i].update(row);
    }
  }

  public static void merge(Accumulator[] into, Accumulator[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i].merge(from[i]);
    }
  }

  public static int heapBytes(Accumulator[] states) {
    int n = 16;
    for (Accumulator a : states) {
      n += a.heapBytes();
    }
    return n;
  }

  public static byte[] writeStates(Accumulator[] states) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(16 * states.length + 8);
    try (DataOutputStream out = new DataOutputStream(b)) {
      for (Accumulator a : states) {
        a.write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  /** Fresh states read from bytes written by {@link #writeStates}. */
  public Accumulator[] readStates(byte[] b, int off, int len) {
    Accumulator[] s = newStates();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b, off, len))) {
      for (Accumulator a : s) {
        a.read(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }

  /** Finishes a group; null when HAVING drops it. */
  public Result finish(byte[] key, int off, int len, Accumulator[] states) {
    Object[] k = KeyCodec.decodeKey(key, off, len, keyTypes());
    Object[] row = new Object[k.length + states.length + outputs.size()];
    System.arraycopy(k, 0, row, 0, k.length);
    for (int i = 0; i < states.length; i++) {
      row[k.length + i] = states[i].result();
    }
    if (having != null && !Boolean.TRUE.equals(having.eval(row))) {
      return null;
    }
    int base = k.length + states.length;
    Object[] out = new Object[outputs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = outputs.get(i).eval(row);
      row[base + i] = out[i];
    }
    byte[] orderKey = null;
    if (ordered()) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (Order o : order) {
        KeyCodec.encode(b, io.drover.jobs.aggregate.expr.Values.normalize(o.expr().eval(row),
            o.expr().type()), o.expr().type(), o.descending(), o.nullsFirst());
      }
      b.write(key, off, len); // ties in group-key order: a total, repeatable order
      orderKey = b.toByteArray();
    }
    return new Result(out, orderKey);
  }

  /** A second job sorts (ORDER BY) or cuts (LIMIT) the result. */
  public boolean ordered() {
    return !order.isEmpty() || limit != null;
  }

  public Long limit() {
    return limit;
  }

  public List<String> names() {
    return names;
  }

  public List<Type> types() {
    List<Type> t = new ArrayList<>();
    for (Expr e : outputs) {
      t.add(e.type());
    }
    return t;
  }

  public ZoneId zone() {
    return zone;
  }

  public List<AggregateFunction> aggregates() {
    return aggs;
  }

  public String line(Object[] values, RowFormat format) {
    return format.format(values, names, types(), zone);
  }

  /** The {@code _schema} file: {@code name<TAB>type} per output column. */
  public String schemaFile() {
    StringBuilder b = new StringBuilder();
    List<Type> t = types();
    for (int i = 0; i < names.size(); i++) {
      b.append(names.get(i)).append('\t').append(t.get(i).sqlName()).append('\n');
    }
    return b.toString();
  }

  /** The --explain text: what each phase does. */
  public String explain(String input, RowFormat format) {
    StringBuilder b = new StringBuilder();
    if (distinct != null) {
      b.append("Job 1: group by (key, ").append(distinct.sql()).append(") for count(DISTINCT): "
          + "each distinct pair becomes one record, exact at any cardinality\n");
      b.append("  map:\n");
      b.append("    parse    ").append(input).append('\n');
      b.append("    filter   ").append(where == null ? "(none)" : where.sql()).append('\n');
      b.append("    key      ").append(keys.isEmpty() ? "" : join(keys) + ", ")
          .append(distinct.sql()).append('\n');
      b.append("    partial  ").append(aggSql()).append(" (in-mapper hash table, bounded)\n");
      b.append("  combine and reduce: merge partial states per (key, value)\n");
      b.append("Job 2: regroup by key (map, combine, reduce)\n");
      b.append("  map:       drop the value from the key; count(DISTINCT) := 1 per non-NULL "
          + "value\n");
      b.append("  combine:   merge partial states per key (any number of times)\n");
      appendReduce(b, format);
      appendOrderAndBounds(b);
      return b.toString();
    }
    b.append("Job 1: group-by (map, combine, reduce)\n");
    b.append("  map:\n");
    b.append("    parse    ").append(input).append('\n');
    b.append("    filter   ").append(where == null ? "(none)" : where.sql()).append('\n');
    b.append("    key      ").append(keys.isEmpty() ? "(none: one global group, one reducer)"
        : join(keys)).append('\n');
    b.append("    partial  ").append(aggs.isEmpty() ? "(none: distinct keys)" : aggSql())
        .append("\n             in an in-mapper hash table, flushed when it holds "
            + "drover.aggregate.inmapper.max-bytes\n");
    b.append("  combine:   merge partial states per key (any number of times)\n");
    appendReduce(b, format);
    appendOrderAndBounds(b);
    return b.toString();
  }

  private void appendReduce(StringBuilder b, RowFormat format) {
    b.append("  reduce:\n");
    b.append("    merge + finish  ").append(aggs.isEmpty() ? "(nothing)" : aggSql()).append('\n');
    b.append("    having   ").append(having == null ? "(none)" : having.sql()).append('\n');
    b.append("    output   ");
    for (int i = 0; i < names.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ')
          .append(outputs.get(i).type().sqlName());
    }
    b.append("\n    format   ").append(format.name().toLowerCase(java.util.Locale.ROOT));
    b.append(ordered() ? " lines, keyed for the order job\n" : " lines in group-key order\n");
  }

  private void appendOrderAndBounds(StringBuilder b) {
    if (ordered()) {
      b.append("Job ").append(distinct == null ? 2 : 3).append(": order/limit (one reducer)\n");
      b.append("  map:       ").append(limit == null ? "pass rows through"
          : "keep the " + limit + " first rows of the split (bounded heap)").append('\n');
      b.append("  sort by    ");
      if (order.isEmpty()) {
        b.append("group key");
      }
      for (int i = 0; i < order.size(); i++) {
        Order o = order.get(i);
        b.append(i == 0 ? "" : ", ").append(o.text()).append(o.descending() ? " DESC" : " ASC")
            .append(o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
      }
      b.append(order.isEmpty() ? "\n" : ", then group key\n");
      b.append("  reduce:    write ").append(limit == null ? "all rows" : "the first " + limit)
          .append(" in order\n");
    }
    boolean approx = false;
    for (AggregateFunction a : aggs) {
      if (a.errorBound() != null) {
        if (!approx) {
          b.append("Approximate aggregates:\n");
          approx = true;
        }
        b.append("  ").append(a.sql()).append(": ").append(a.errorBound()).append('\n');
      }
    }
  }

  private String aggSql() {
    List<String> s = new ArrayList<>();
    for (AggregateFunction a : aggs) {
      s.add(a.sql());
    }
    return String.join(", ", s);
  }

  private static String join(List<Expr> es) {
    List<String> s = new ArrayList<>();
    for (Expr e : es) {
      s.add(e.sql());
    }
    return String.join(", ", s);
  }
}
