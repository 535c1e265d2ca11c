package io.drover.jobs.aggregate.expr;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Casts, arithmetic, comparisons and predicates with Spark SQL's (non-ANSI) semantics: {@code /}
 * is always double division, {@code div} integer division, division by zero is NULL, a string
 * meeting a number is read as a double, a bad string converts to NULL.
 */
public final class Operators {
  private Operators() {}

  public static Expr cast(Expr e, Type to, ZoneId zone) {
    Type from = e.type();
    if (from == to) {
      return e;
    }
    if (e instanceof Expr.Literal l) {
      return new Expr.Literal(Values.convert(l.value(), from, to, zone), to);
    }
    return new Expr.Call("CAST_" + to.sqlName(), to, true,
        v -> Values.convert(v[0], from, to, zone), List.of(e)) {
      @Override
      public String sql() {
        return "CAST(" + e.sql() + " AS " + to.sqlName() + ")";
      }
    };
  }

  /** The type two operands meet in (comparison, CASE branches, IN lists, COALESCE). */
  public static Type common(Type a, Type b, String what) throws QueryException {
    if (a == b) {
      return a;
    }
    if (a.numeric() && b.numeric()) {
      return Type.DOUBLE;
    }
    if (a == Type.STRING || b == Type.STRING) {
      Type other = a == Type.STRING ? b : a;
      return other == Type.LONG ? Type.DOUBLE : other;
    }
    throw new QueryException(
        "cannot compare or combine " + a.sqlName() + " and " + b.sqlName() + " in " + what
            + "; CAST one side");
  }

  private static Type common(List<Expr> es, String what) throws QueryException {
    Type t = null;
    for (Expr e : es) {
      if (e instanceof Expr.Literal l && l.value() == null) {
        continue;
      }
      t = t == null ? e.type() : common(t, e.type(), what);
    }
    return t == null ? Type.STRING : t;
  }

  public static List<Expr> castAll(List<Expr> es, Type t, ZoneId zone) {
    List<Expr> out = new ArrayList<>();
    for (Expr e : es) {
      out.add(cast(e, t, zone));
    }
    return out;
  }

  private static Expr numericOperand(Expr e, String op, ZoneId zone) throws QueryException {
    switch (e.type()) {
      case LONG:
      case DOUBLE:
        return e;
      case STRING:
      case BOOLEAN:
        return cast(e, Type.DOUBLE, zone);
      default:
        throw new QueryException(
            "operator " + op + " needs numbers, got " + e.type().sqlName() + " " + e.sql());
    }
  }

  /** {@code + - * / div %}. */
  public static Expr arithmetic(String op, Expr left, Expr right, ZoneId zone)
      throws QueryException {
    Expr a = numericOperand(left, op, zone);
    Expr b = numericOperand(right, op, zone);
    boolean longs = a.type() == Type.LONG && b.type() == Type.LONG;
    List<Expr> args;
    switch (op) {
      case "/":
        args = List.of(cast(a, Type.DOUBLE, zone), cast(b, Type.DOUBLE, zone));
        return binary(op, Type.DOUBLE, args, v -> {
          double d = (Double) v[1];
          return d == 0 ? null : (Double) v[0] / d;
        });
      case "div":
        args = List.of(cast(a, Type.LONG, zone), cast(b, Type.LONG, zone));
        return binary(op, Type.LONG, args, v -> {
          long d = (Long) v[1];
          return d == 0 ? null : (Long) v[0] / d;
        });
      default:
        break;
    }
    if (longs) {
      args = List.of(a, b);
      switch (op) {
        case "+":
          return binary(op, Type.LONG, args, v -> (Long) v[0] + (Long) v[1]);
        case "-":
          return binary(op, Type.LONG, args, v -> (Long) v[0] - (Long) v[1]);
        case "*":
          return binary(op, Type.LONG, args, v -> (Long) v[0] * (Long) v[1]);
        case "%":
          return binary(op, Type.LONG, args, v -> {
            long d = (Long) v[1];
            return d == 0 ? null : (Long) v[0] % d;
          });
        default:
          throw new AssertionError(op);
      }
    }
    args = List.of(cast(a, Type.DOUBLE, zone), cast(b, Type.DOUBLE, zone));
    switch (op) {
      case "+":
        return binary(op, Type.DOUBLE, args, v -> (Double) v[0] + (Double) v[1]);
      case "-":
        return binary(op, Type.DOUBLE, args, v -> (Double) v[0] - (Double) v[1]);
      case "*":
        return binary(op, Type.DOUBLE, args, v -> (Double) v[0] * (Double) v[1]);
      case "%":
        return binary(op, Type.DOUBLE, args, v -> {
          double d = (Double) v[1];
          return d == 0 ? null : (Double) v[0] % d;
        });
      default:
        throw new AssertionError(op);
    }
  }

  public static Expr negate(Expr e, ZoneId zone) throws QueryException {
    Expr a = numericOperand(e, "-", zone);
    if (a instanceof Expr.Literal l && l.value() != null) {
      return new Expr.Literal(
          a.type() == Type.LONG ? (Object) (-(Long) l.value()) : (Object) (-(Double) l.value()),
          a.type());
    }
    return a.type() == Type.LONG
        ? new Expr.Call("negative", Type.LONG, true, v -> -(Long) v[0], List.of(a))
        : new Expr.Call("negative", Type.DOUBLE, true, v -> -(Double) v[0], List.of(a));
  }

  private static Expr binary(String op, Type t, List<Expr> args, Expr.Impl impl) {
    return new Expr.Call(op, t, true, impl, args) {
      @Override
      public String sql() {
        return "(" + args.get(0).sql() + " " + op + " " + args.get(1).sql() + ")";
      }
    };
  }

  /** {@code = <> < <= > >=}, and {@code <=>} (null-safe equality). */
  public static Expr compare(String op, Expr left, Expr right, ZoneId zone) throws QueryException {
    Type t = common(List.of(left, right), "'" + left.sql() + " " + op + " " + right.sql() + "'");
    Expr a = cast(left, t, zone);
    Expr b = cast(right, t, zone);
    if (op.equals("<=>")) {
      return new Expr.Call("<=>", Type.BOOLEAN, false, v -> {
        if (v[0] == null || v[1] == null) {
          return v[0] == null && v[1] == null;
        }
        return Values.compare(v[0], v[1], t) == 0;
      }, List.of(a, b));
    }
    Expr.Impl impl;
    switch (op) {
      case "=":
        impl = v -> Values.compare(v[0], v[1], t) == 0;
        break;
      case "<>":
        impl = v -> Values.compare(v[0], v[1], t) != 0;
        break;
      case "<":
        impl = v -> Values.compare(v[0], v[1], t) < 0;
        break;
      case "<=":
        impl = v -> Values.compare(v[0], v[1], t) <= 0;
        break;
      case ">":
        impl = v -> Values.compare(v[0], v[1], t) > 0;
        break;
      case ">=":
        impl = v -> Values.compare(v[0], v[1], t) >= 0;
        break;
      default:
        throw new AssertionError(op);
    }
    return binary(op, Type.BOOLEAN, List.of(a, b), impl);
  }

  public static Expr bool(Expr e, String where, ZoneId zone) throws QueryException {
    if (e.type() == Type.BOOLEAN) {
      return e;
    }
    if (e instanceof Expr.Literal l && l.value() == null) {
      return new Expr.Literal(null, Type.BOOLEAN);
    }
    throw new QueryException(where + " needs a boolean condition, got " + e.type().sqlName() + " "
        + e.sql());
  }

  public static Expr not(Expr e) {
    return new Expr.Call("NOT", Type.BOOLEAN, true, v -> !(Boolean) v[0], List.of(e));
  }

  public static Expr isNull(Expr e, boolean negated) {
    return new Expr.Call(negated ? "isnotnull" : "isnull", Type.BOOLEAN, false,
        v -> (v[0] == null) != negated, List.of(e));
  }

  /** x IN (a, b, ...): true on a match, else NULL when x or any item is NULL, else false. */
  public static Expr in(Expr x, List<Expr> items, boolean negated, ZoneId zone)
      throws QueryException {
    List<Expr> all = new ArrayList<>();
    all.add(x);
    all.addAll(items);
    Type t = common(all, "IN");
    List<Expr> args = castAll(all, t, zone);
    Expr in = new Expr.Call("in", Type.BOOLEAN, false, v -> {
      if (v[0] == null) {
        return null;
      }
      boolean sawNull = false;
      for (int i = 1; i < v.length; i++) {
        if (v[i] == null) {
          sawNull = true;
        } else if (Values.compare(v[0], v[i], t) == 0) {
          return Boolean.TRUE;
        }
      }
      return sawNull ? null : Boolean.FALSE;
    }, args);
    return negated ? not(in) : in;
  }

  /** A {@code LIKE} pattern ({@code %}, {@code _}, escape character) as a regex. */
  public static Pattern likePattern(String like, char escape, boolean caseInsensitive) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == escape && i + 1 < like.length()) {
        re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL | (caseInsensitive
        ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
  }

  public static Expr like(Expr s, Expr pattern, boolean negated, boolean ci, ZoneId zone)
      throws QueryException {
    Expr str = cast(s, Type.STRING, zone);
    Expr like;
    if (pattern instanceof Expr.Literal l) {
      if (l.value() == null) {
        return new Expr.Literal(null, Type.BOOLEAN);
      }
      Pattern p = likePattern(Values.toText(l.value(), l.type(), zone), '\\', ci);
      like = new Expr.Call(ci ? "ilike" : "like", Type.BOOLEAN, true,
          v -> p.matcher((String) v[0]).matches(), List.of(str, pattern));
    } else {
      Expr pat = cast(pattern, Type.STRING, zone);
      like = new Expr.Call(ci ? "ilike" : "like", Type.BOOLEAN, true,
          v -> likePattern((String) v[1], '\\', ci).matcher((String) v[0]).matches(),
          List.of(str, pat));
    }
    return negated ? not(like) : like;
  }

  public static Expr caseWhen(List<Expr> whens, List<Expr> thens, Expr otherwise, ZoneId zone)
      throws QueryException {
    List<Expr> branches = new ArrayList<>(thens);
    if (otherwise != null) {
      branches.add(otherwise);
    }
    Type t = common(branches, "CASE branches");
    return new Expr.Case(whens, castAll(thens, t, zone),
        otherwise == null ? null : cast(otherwise, t, zone), t);
  }

  public static Expr coalesce(List<Expr> args, ZoneId zone) throws QueryException {
    Type t = common(args, "coalesce");
    List<Expr> cast = castAll(args, t, zone);
    return new Expr.Call("coalesce", t, false, v -> {
      for (Object o : v) {
        if (o != null) {
          return o;
        }
      }
      return null;
    }, cast);
  }
}
