package io.drover.jobs.aggregate.expr;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.CosineSimilarity;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Compiles a JSqlParser expression into a typed {@link Expr}. Columns are resolved by a
 * {@link Scope}; a {@link Hook} sees every node first and may replace it (the planner uses it to
 * turn aggregate calls and GROUP BY expressions into references to the aggregated row).
 */
public final class ExprCompiler {
  /** Resolves a column name (dotted for nested JSON fields) or throws naming the known ones. */
  @FunctionalInterface
  public interface Scope {
    Expr column(String name) throws QueryException;
  }

  /** Sees each node before it is compiled; returns a replacement, or null to compile it. */
  @FunctionalInterface
  public interface Hook {
    Expr intercept(Expression e, ExprCompiler compiler) throws QueryException;
  }

  private final Scope scope;
  private final Hook hook;
  private final ZoneId zone;

  public ExprCompiler(Scope scope, Hook hook, ZoneId zone) {
    this.scope = scope;
    this.hook = hook;
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The column name a JSqlParser column denotes: dotted parts kept, quotes removed. */
  public static String columnName(Column c) {
    String full = c.getFullyQualifiedName();
    StringBuilder b = new StringBuilder();
    for (String part : full.split("\\.", -1)) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(unquote(part));
    }
    return b.toString();
  }

  public static String unquote(String s) {
    if (s.length() >= 2) {
      char f = s.charAt(0);
      char l = s.charAt(s.length() - 1);
      if ((f == '`' && l == '`') || (f == '"' && l == '"') || (f == '[' && l == ']')) {
        return s.substring(1, s.length() - 1);
      }
    }
    return s;
  }

  public List<Expr> compileAll(List<? extends Expression> es) throws QueryException {
    List<Expr> out = new ArrayList<>();
    for (Expression e : es) {
      out.add(compile(e));
    }
    return out;
  }

  public Expr compile(Expression e) throws QueryException {
    if (hook != null) {
      Expr r = hook.intercept(e, this);
      if (r != null) {
        return r;
      }
    }
    if (e instanceof Parenthesis p) {
      return compile(p.getExpression());
    }
    if (e instanceof ExpressionList<?> list) {
      if (list.size() == 1) {
        return compile(list.get(0));
      }
      throw new QueryException("row values such as " + e + " are not supported");
    }
    if (e instanceof LongValue v) {
      return new Expr.Literal(v.getValue(), Type.LONG);
    }
    if (e instanceof DoubleValue v) {
      return new Expr.Literal(v.getValue(), Type.DOUBLE);
    }
    if (e instanceof StringValue v) {
      return new Expr.Literal(io.drover.jobs.sql.parse.StringLiterals.unescape(
          v.getValue()), Type.STRING); // sql's rule: Hive's escapes
    }
    if (e instanceof NullValue) {
      return new Expr.Literal(null, Type.STRING);
    }
    if (e instanceof BooleanValue v) {
      return new Expr.Literal(v.getValue(), Type.BOOLEAN);
    }
    if (e instanceof TimestampValue || e instanceof DateValue) {
      String text = e.toString();
      String body = text.substring(text.indexOf('\'') + 1, text.lastIndexOf('\''));
      Long micros = Values.parseTimestamp(body, zone);
      if (micros == null) {
        throw new QueryException("bad timestamp literal " + text);
      }
      return new Expr.Literal(micros, Type.TIMESTAMP);
    }
    if (e instanceof IntervalExpression i) {
      String text = i.getParameter() != null ? i.getParameter() : String.valueOf(i.getExpression());
      if (i.getIntervalType() != null) {
        text = text + " " + i.getIntervalType();
      }
      return new Expr.Literal(ExprCompiler.unquote(text.replace("'", "")), Type.STRING);
    }
    if (e instanceof Column c) {
      String name = columnName(c);
      String lower = name.toLowerCase(Locale.ROOT);
      try {
        return scope.column(name);
      } catch (QueryException ex) {
        if (lower.equals("true") || lower.equals("false")) {
          return new Expr.Literal(lower.equals("true"), Type.BOOLEAN);
        }
        throw ex;
      }
    }
    if (e instanceof SignedExpression s) {
      Expr x = compile(s.getExpression());
      return s.getSign() == '-' ? Operators.negate(x, zone) : x;
    }
    if (e instanceof CastExpression c) {
      Type t = Type.fromSqlName(c.getColDataType().getDataType());
      if (t == null) {
        throw new QueryException("CAST to unknown type " + c.getColDataType()
            + "; use bigint, double, boolean, string or timestamp");
      }
      return Operators.cast(compile(c.getLeftExpression()), t, zone);
    }
    if (e instanceof AndExpression a) {
      return new Expr.Logic(true, bool(a.getLeftExpression(), "AND"),
          bool(a.getRightExpression(), "AND"));
    }
    if (e instanceof OrExpression o) {
      return new Expr.Logic(false, bool(o.getLeftExpression(), "OR"),
          bool(o.getRightExpression(), "OR"));
    }
    if (e instanceof NotExpression n) {
      return Operators.not(bool(n.getExpression(), "NOT"));
    }
    if (e instanceof IsNullExpression n) {
      return Operators.isNull(compile(n.getLeftExpression()), n.isNot());
    }
    if (e instanceof IsBooleanExpression b) {
      Expr x = bool(b.getLeftExpression(), "IS TRUE/FALSE");
      boolean want = b.isTrue();
      boolean not = b.isNot();
      return new Expr.Call("is" + (not ? "not" : "") + want, Type.BOOLEAN, false,
          v -> (want == Boolean.valueOf(true).equals(v[0]) && v[0] != null) != not, List.of(x));
    }
    if (e instanceof InExpression in) {
      Expression right = in.getRightExpression();
      if (right instanceof AndExpression || right instanceof OrExpression) {
        // JSqlParser 5.3 reads "x IN (a, b) AND y" as "x IN ((a, b) AND y)": IN binds tighter
        // than AND and OR, so the IN belongs at the leftmost leaf of that tree
        return compile(leftmostIn(in));
      }
      if (!(right instanceof ExpressionList<?> items)) {
        throw new QueryException("IN with a subquery is not supported: " + e);
      }
      return Operators.in(compile(in.getLeftExpression()), compileAll(items), in.isNot(), zone);
    }
    if (e instanceof Between b) {
      Expr x = compile(b.getLeftExpression());
      Expr lo = Operators.compare(">=", x, compile(b.getBetweenExpressionStart()), zone);
      Expr hi = Operators.compare("<=", x, compile(b.getBetweenExpressionEnd()), zone);
      Expr both = new Expr.Logic(true, lo, hi);
      return b.isNot() ? Operators.not(both) : both;
    }
    if (e instanceof LikeExpression l) {
      switch (l.getLikeKeyWord()) {
        case LIKE:
        case ILIKE:
          if (l.getEscape() != null) {
            throw new QueryException("LIKE ... ESCAPE is not supported; '\\' is the escape");
          }
          return Operators.like(compile(l.getLeftExpression()), compile(l.getRightExpression()),
              l.isNot(),
              l.getLikeKeyWord() == LikeExpression.KeyWord.ILIKE || l.isCaseInsensitive(), zone);
        case RLIKE:
        case REGEXP:
        case REGEXP_LIKE:
          Expr m = Functions.call("rlike",
              List.of(compile(l.getLeftExpression()), compile(l.getRightExpression())), zone);
          return l.isNot() ? Operators.not(m) : m;
        default:
          throw new QueryException(l.getLikeKeyWord() + " is not supported");
      }
    }
    if (e instanceof CaseExpression c) {
      List<Expr> whens = new ArrayList<>();
      List<Expr> thens = new ArrayList<>();
      Expr sw = c.getSwitchExpression() == null ? null : compile(c.getSwitchExpression());
      for (WhenClause w : c.getWhenClauses()) {
        Expr cond = compile(w.getWhenExpression());
        whens.add(sw == null ? Operators.bool(cond, "CASE WHEN", zone)
            : Operators.compare("=", sw, cond, zone));
        thens.add(compile(w.getThenExpression()));
      }
      Expr otherwise = c.getElseExpression() == null ? null : compile(c.getElseExpression());
      return Operators.caseWhen(whens, thens, otherwise, zone);
    }
    if (e instanceof BinaryExpression b) {
      String op = binaryOp(b);
      if (op != null) {
        Expr l = compile(b.getLeftExpression());
        Expr r = compile(b.getRightExpression());
        switch (op) {
          case "||":
            return Functions.call("concat", List.of(l, r), zone);
          case "+":
          case "-":
          case "*":
          case "/":
          case "div":
          case "%":
            return Operators.arithmetic(op, l, r, zone);
          default:
            return Operators.compare(op, l, r, zone);
        }
      }
    }
    if (e instanceof Function f) {
      return function(f);
    }
    if (e instanceof TrimFunction t) {
      if (t.getFromExpression() != null) {
        throw new QueryException("trim(... FROM ...) with characters is not supported; trim(x), "
            + "ltrim(x) and rtrim(x) remove spaces");
      }
      String name = "trim";
      if (t.getTrimSpecification() != null) {
        switch (t.getTrimSpecification()) {
          case LEADING:
            name = "ltrim";
            break;
          case TRAILING:
            name = "rtrim";
            break;
          default:
            break;
        }
      }
      return Functions.call(name, List.of(compile(t.getExpression())), zone);
    }
    if (e instanceof AnalyticExpression) {
      throw new QueryException("window functions (OVER ...) are not supported: " + e);
    }
    if (e instanceof Select || e instanceof ExistsExpression) {
      throw new QueryException("subqueries are not supported: " + e);
    }
    throw new QueryException("unsupported expression: " + e + " ("
        + e.getClass().getSimpleName() + ")");
  }

  private static Expression leftmostIn(InExpression in) {
    BinaryExpression top = (BinaryExpression) in.getRightExpression();
    BinaryExpression b = top;
    while (b.getLeftExpression() instanceof AndExpression
        || b.getLeftExpression() instanceof OrExpression) {
      b = (BinaryExpression) b.getLeftExpression();
    }
    InExpression fixed = new InExpression(in.getLeftExpression(), b.getLeftExpression());
    fixed.setNot(in.isNot());
    b.setLeftExpression(fixed);
    return top;
  }

  private Expr bool(Expression e, String where) throws QueryException {
    return Operators.bool(compile(e), where, zone);
  }

  private static String binaryOp(BinaryExpression b) {
    if (b instanceof Addition) {
      return "+";
    }
    if (b instanceof Subtraction) {
      return "-";
    }
    if (b instanceof Multiplication) {
      return "*";
    }
    if (b instanceof Division) {
      return "/";
    }
    if (b instanceof IntegerDivision) {
      return "div";
    }
    if (b instanceof Modulo) {
      return "%";
    }
    if (b instanceof Concat) {
      return "||";
    }
    if (b instanceof EqualsTo eq) {
      return eq.getStringExpression().equals("<=>") ? "<=>" : "=";
    }
    if (b instanceof CosineSimilarity) {
      return "<=>"; // JSqlParser's name for the operator; Spark's null-safe equality
    }
    if (b instanceof NotEqualsTo) {
      return "<>";
    }
    if (b instanceof GreaterThan) {
      return ">";
    }
    if (b instanceof GreaterThanEquals) {
      return ">=";
    }
    if (b instanceof MinorThan) {
      return "<";
    }
    if (b instanceof MinorThanEquals) {
      return "<=";
    }
    return null;
  }

  /** The arguments of a call, with {@code *} refused (only count(*) takes it). */
  public static List<Expression> arguments(Function f) throws QueryException {
    List<Expression> args = new ArrayList<>();
    if (f.getParameters() != null) {
      for (Expression p : f.getParameters()) {
        if (p instanceof AllColumns) {
          throw new QueryException(f.getName() + "(*) is not supported; only count(*) takes *");
        }
        args.add(p);
      }
    }
    if (f.getNamedParameters() != null) {
      throw new QueryException("named arguments are not supported: " + f);
    }
    return args;
  }

  private Expr function(Function f) throws QueryException {
    if (f.isDistinct()) {
      throw new QueryException("DISTINCT is only allowed inside an aggregate: " + f);
    }
    if (f.isAllColumns()) {
      throw new QueryException(f.getName() + "(*) is not supported; only count(*) takes *");
    }
    String name = f.getName();
    if (name.equalsIgnoreCase("time_bucket") || name.equalsIgnoreCase("date_trunc")) {
      // units and intervals are often written unquoted (date_trunc(hour, t)) or as INTERVAL
      List<Expression> args = arguments(f);
      if (args.size() == 2 && args.get(0) instanceof Column c) {
        List<Expr> compiled = new ArrayList<>();
        compiled.add(new Expr.Literal(columnName(c), Type.STRING));
        compiled.add(compile(args.get(1)));
        return Functions.call(name, compiled, zone);
      }
    }
    return Functions.call(name, compileAll(arguments(f)), zone);
  }
}
