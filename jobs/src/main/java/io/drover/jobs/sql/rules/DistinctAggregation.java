package io.drover.jobs.sql.rules;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Expr.AggCall;
import io.drover.jobs.sql.logical.Expr.ColumnRef;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import io.drover.jobs.sql.logical.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The two-level aggregation Hive and Spark give a DISTINCT aggregate, so that the distinct values
 * travel through the shuffle as group keys instead of being held, all of one group's, in one
 * reducer's set. An {@code Aggregate(keys, calls)} whose DISTINCT calls are {@code count}, {@code
 * sum} or {@code avg} of one same argument x, and whose other calls are {@code count}, {@code sum},
 * {@code min} or {@code max}, becomes
 *
 * <pre>
 *   Project [keys, each call's value, cast back to its type]
 *     Aggregate keys [keys] calls [count(x) | sum(x) | avg(x) for the DISTINCT ones;
 *                                  sum, sum, min, max of the others' partial values]
 *       Aggregate keys [keys, x] calls [the others, as they are]
 * </pre>
 *
 * The inner aggregate has one row per distinct (keys, x), NULL x included, so the others' values
 * merge exactly; a NULL x is not counted or summed by the outer call, as DISTINCT skips NULL. A
 * count over no rows at all (a global aggregate of an empty input) is 0, not the NULL a sum of
 * nothing is. Other shapes (DISTINCT of two arguments, sketches, moments beside a DISTINCT) keep
 * the one-level plan, whose DISTINCT sets are held per group.
 */
public final class DistinctAggregation implements Rule {
  private static final Set<String> DISTINCT = Set.of("count", "sum", "avg");
  private static final Set<String> MERGEABLE = Set.of("count", "sum", "min", "max");

  @Override
  public Plan apply(Plan plan) {
    return PlanUtil.transformUp(plan, p -> {
      Plan q = PlanUtil.mapSubqueryPlans(p, this::apply);
      if (q instanceof Plan.Aggregate a) {
        Plan r = rewrite(a);
        if (r != null) {
          return r;
        }
      }
      return q.equals(p) ? p : q;
    });
  }

  /** The two-level plan of {@code a}, or null when its calls do not take it. */
  static Plan rewrite(Plan.Aggregate a) {
    Expr x = null;
    for (AggCall c : a.calls()) {
      if (c.distinct()) {
        if (!DISTINCT.contains(c.name()) || c.args().size() != 1
            || x != null && !x.equals(c.args().get(0))) {
          return null;
        }
        x = c.args().get(0);
      } else if (!MERGEABLE.contains(c.name())) {
        return null;
      }
    }
    if (x == null) {
      return null;
    }
    int k = a.keys().size();
    List<Field> keyFields = a.fields().subList(0, k);
    List<Expr> innerKeys = new ArrayList<>(a.keys());
    innerKeys.add(x);
    List<Field> innerFields = new ArrayList<>(keyFields);
    Field xf = new Field(null, "_distinct", x.type());
    innerFields.add(xf);
    List<AggCall> partial = new ArrayList<>();
    List<Expr> outerKeys = new ArrayList<>();
    for (Field f : keyFields) {
      outerKeys.add(ref(f));
    }
    List<AggCall> outerCalls = new ArrayList<>();
    for (AggCall c : a.calls()) {
      if (c.distinct()) {
        outerCalls.add(new AggCall(c.name(), false, List.of(ref(xf)), c.type()));
        continue;
      }
      Field pf = new Field(null, "_partial" + partial.size(), c.type());
      partial.add(c);
      innerFields.add(pf);
      String merge = c.name().equals("count") ? "sum" : c.name();
      outerCalls.add(new AggCall(merge, false, List.of(ref(pf)),
          Types.aggregate(merge, pf.type())));
    }
    Plan inner = new Plan.Aggregate(a.input(), innerKeys, partial, innerFields);
    List<Field> outerFields = new ArrayList<>(keyFields);
    for (int i = 0; i < outerCalls.size(); i++) {
      outerFields.add(new Field(null, "_merged" + i, outerCalls.get(i).type()));
    }
    Plan outer = new Plan.Aggregate(inner, outerKeys, outerCalls, outerFields);
    List<Expr> out = new ArrayList<>();
    for (Field f : keyFields) {
      out.add(ref(f));
    }
    for (int i = 0; i < outerCalls.size(); i++) {
      AggCall c = a.calls().get(i);
      Expr v = ref(outerFields.get(k + i));
      if (!v.type().equals(c.type())) {
        v = new Expr.Cast(v, c.type());
      }
      if (c.name().equals("count") && !c.distinct()) { // a sum of no counts is NULL
        v = new Expr.Call("coalesce", List.of(v, new Expr.Literal(0L, DataType.BIGINT)),
            DataType.BIGINT);
      }
      out.add(v);
    }
    return new Plan.Project(outer, out, a.fields());
  }

  private static ColumnRef ref(Field f) {
    return new ColumnRef(f.qualifier(), f.name(), f.type(), false);
  }
}
