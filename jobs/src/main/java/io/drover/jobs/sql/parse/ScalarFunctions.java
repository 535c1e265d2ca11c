package io.drover.jobs.sql.parse;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.DataType.Kind;
import io.drover.jobs.sql.logical.Expr;
import io.drover.jobs.sql.logical.Expr.Literal;
import io.drover.jobs.sql.logical.Types;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The scalar functions Hive and Spark SQL users reach for, checked and typed as Spark types them
 * (the translator's function part; {@code runtime/Evaluator} computes them). Result types:
 * {@code floor}, {@code ceil} of a double or an integer are bigint, of {@code decimal(p,s)} {@code
 * decimal(p-s+1,0)}; {@code sqrt, ln, log10, log2, exp, power, sign} double; {@code mod} / {@code
 * %} as Spark's remainder ({@link Types#remainder}); {@code year, month, day, quarter, datediff,
 * instr, locate} int; {@code date_add, date_sub, to_date} date; {@code greatest, least, if, nvl,
 * nullif} the arguments' common type; the text functions string.
 */
final class ScalarFunctions {
  private ScalarFunctions() {}

  /** Every scalar function name the translator knows (for "did you mean"). */
  static final Set<String> NAMES = new TreeSet<>(List.of("abs", "bigint", "boolean", "ceil",
      "ceiling", "coalesce", "concat", "concat_ws", "current_date", "current_timestamp", "date",
      "date_add", "date_sub", "datediff", "day", "dayofmonth", "decimal", "double", "exp", "floor",
      "greatest", "if", "ifnull", "instr", "int", "least", "length", "ln", "locate", "log", "log10",
      "log2", "lower", "lpad", "ltrim", "mod", "month", "now", "nullif", "nvl", "pow", "power",
      "quarter", "regexp_extract", "regexp_replace", "replace", "round", "rpad", "rtrim", "sign",
      "signum", "sqrt", "string", "substr", "substring", "to_date", "trim", "upper", "year"));

  /**
   * {@code name(args)} typed, or null when the name is not one of the functions here (the
   * translator's own: substring, round, trim, ...). {@code where} is the call's text for errors.
   */
  static Expr resolve(String name, List<Expr> args, String where) {
    switch (name) {
      case "if": {
        arity(name, args, 3, 3, where);
        bool(args.get(0), where);
        DataType t = common(args.subList(1, 3), where);
        return new Expr.Case(List.of(args.get(0), args.get(1)), args.get(2), t);
      }
      case "nvl", "ifnull": {
        arity(name, args, 2, 2, where);
        return new Expr.Call("coalesce", args, common(args, where));
      }
      case "nullif": {
        arity(name, args, 2, 2, where);
        common(args, where);
        Expr eq = new Expr.Binary(Expr.Op.EQ, args.get(0), args.get(1), DataType.BOOLEAN);
        return new Expr.Case(List.of(eq, new Literal(null, DataType.NULL)), args.get(0),
            args.get(0).type());
      }
      case "greatest", "least": {
        arity(name, args, 2, Integer.MAX_VALUE, where);
        DataType t = common(args, where);
        if (t.kind() == Kind.BOOLEAN || t.kind() == Kind.INTERVAL) {
          throw new SqlException(where + ": " + name + " compares numbers, text or dates");
        }
        return new Expr.Call(name, args, t);
      }
      case "floor", "ceil", "ceiling": {
        arity(name, args, 1, 1, where);
        DataType t = number(name, args.get(0), where);
        DataType out = t.kind() == Kind.DECIMAL
            ? DataType.decimal(Math.min(38, t.precision() - t.scale() + 1), 0) : DataType.BIGINT;
        return new Expr.Call(name.equals("floor") ? "floor" : "ceil", args, out);
      }
      case "sqrt", "ln", "log10", "log2", "exp", "sign", "signum": {
        arity(name, args, 1, 1, where);
        number(name, args.get(0), where);
        return new Expr.Call(name.equals("signum") ? "sign" : name, args, DataType.DOUBLE);
      }
      case "log": { // Hive's and Spark's: log(x) natural, log(base, x)
        arity(name, args, 1, 2, where);
        for (Expr a : args) {
          number(name, a, where);
        }
        return args.size() == 1 ? new Expr.Call("ln", args, DataType.DOUBLE)
            : new Expr.Call("log", args, DataType.DOUBLE);
      }
      case "power", "pow": {
        arity(name, args, 2, 2, where);
        number(name, args.get(0), where);
        number(name, args.get(1), where);
        return new Expr.Call("power", args, DataType.DOUBLE);
      }
      case "mod":
        arity(name, args, 2, 2, where);
        return mod(args.get(0), args.get(1), where);
      case "year", "month", "day", "dayofmonth", "quarter": {
        arity(name, args, 1, 1, where);
        return new Expr.Call(name.equals("dayofmonth") ? "day" : name,
            List.of(dateArg(name, args.get(0), where)), DataType.INT);
      }
      case "datediff": {
        arity(name, args, 2, 2, where);
        return new Expr.Call(name, List.of(dateArg(name, args.get(0), where),
            dateArg(name, args.get(1), where)), DataType.INT);
      }
      case "date_add", "date_sub": {
        arity(name, args, 2, 2, where);
        Kind k = args.get(1).type().kind();
        if (k != Kind.INT && k != Kind.BIGINT && k != Kind.NULL) {
          throw new SqlException(where + ": " + name + "'s days must be a whole number");
        }
        return new Expr.Call(name, List.of(dateArg(name, args.get(0), where), args.get(1)),
            DataType.DATE);
      }
      case "to_date": {
        arity(name, args, 1, 2, where);
        if (args.size() == 1) {
          return dateArg(name, args.get(0), where);
        }
        String pattern = constantText(name, args.get(1), "format", where);
        try {
          DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
          throw new SqlException(where + ": bad date format '" + pattern + "': "
              + e.getMessage());
        }
        text(name, args.get(0), where);
        return new Expr.Call(name, args, DataType.DATE);
      }
      case "concat_ws": {
        arity(name, args, 1, Integer.MAX_VALUE, where);
        text(name, args.get(0), where);
        return new Expr.Call(name, strings(args), DataType.STRING);
      }
      case "lpad", "rpad": {
        arity(name, args, 2, 3, where);
        text(name, args.get(0), where);
        whole(name, args.get(1), "length", where);
        List<Expr> a = new ArrayList<>(args);
        if (a.size() == 2) {
          a.add(new Literal(" ", DataType.STRING));
        }
        text(name, a.get(2), where);
        return new Expr.Call(name, a, DataType.STRING);
      }
      case "replace": {
        arity(name, args, 2, 3, where);
        List<Expr> a = new ArrayList<>(args);
        if (a.size() == 2) {
          a.add(new Literal("", DataType.STRING));
        }
        for (Expr x : a) {
          text(name, x, where);
        }
        return new Expr.Call(name, a, DataType.STRING);
      }
      case "instr": {
        arity(name, args, 2, 2, where);
        text(name, args.get(0), where);
        text(name, args.get(1), where);
        return new Expr.Call(name, args, DataType.INT);
      }
      case "locate": {
        arity(name, args, 2, 3, where);
        text(name, args.get(0), where);
        text(name, args.get(1), where);
        List<Expr> a = new ArrayList<>(args);
        if (a.size() == 2) {
          a.add(new Literal(1L, DataType.INT));
        }
        whole(name, a.get(2), "position", where);
        return new Expr.Call(name, a, DataType.INT);
      }
      case "regexp_replace": {
        arity(name, args, 3, 3, where);
        text(name, args.get(0), where);
        Pattern p = regex(name, args.get(1), where);
        text(name, args.get(2), where);
        if (p != null && args.get(2) instanceof Literal l && l.value() instanceof String rep) {
          String bad = badReplacement(p, rep);
          if (bad != null) {
            throw new SqlException(where + ": bad replacement '" + rep + "': " + bad);
          }
        }
        return new Expr.Call(name, args, DataType.STRING);
      }
      case "regexp_extract": {
        arity(name, args, 2, 3, where);
        text(name, args.get(0), where);
        Pattern p = regex(name, args.get(1), where);
        List<Expr> a = new ArrayList<>(args);
        if (a.size() == 2) {
          a.add(new Literal(1L, DataType.INT)); // Spark's and Hive's default: the first group
        }
        whole(name, a.get(2), "group index", where);
        if (p != null && a.get(2) instanceof Literal l && l.value() instanceof Long g
            && (g < 0 || g > p.matcher("").groupCount())) {
          throw new SqlException(where + ": the regular expression has "
              + p.matcher("").groupCount() + " groups, group " + g + " was asked for");
        }
        return new Expr.Call(name, a, DataType.STRING);
      }
      case "int", "bigint", "double", "string", "date", "boolean", "decimal": {
        arity(name, args, 1, 1, where);
        DataType to = switch (name) {
          case "int" -> DataType.INT;
          case "bigint" -> DataType.BIGINT;
          case "double" -> DataType.DOUBLE;
          case "string" -> DataType.STRING;
          case "date" -> DataType.DATE;
          case "boolean" -> DataType.BOOLEAN;
          default -> DataType.decimal(10, 0); // CAST(x AS DECIMAL), as Hive and Spark
        };
        return new Expr.Cast(args.get(0), to);
      }
      default:
        return null;
    }
  }

  /** {@code a % b} / {@code mod(a, b)}: Spark's remainder, the dividend's sign. */
  static Expr mod(Expr a, Expr b, String where) {
    try {
      return new Expr.Call("mod", List.of(a, b), Types.remainder(a.type(), b.type()));
    } catch (IllegalArgumentException e) {
      throw new SqlException(where + ": " + e.getMessage());
    }
  }

  private static void arity(String name, List<Expr> args, int min, int max, String where) {
    if (args.size() < min || args.size() > max) {
      String want = min == max ? String.valueOf(min)
          : max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
      throw new SqlException(where + ": " + name + " takes " + want + " argument"
          + (min == 1 && max == 1 ? "" : "s") + ", not " + args.size());
    }
  }

  private static DataType common(List<Expr> args, String where) {
    DataType t = DataType.NULL;
    for (Expr a : args) {
      try {
        t = Types.common(t, a.type());
      } catch (IllegalArgumentException e) {
        throw new SqlException(where + ": " + e.getMessage());
      }
    }
    return t;
  }

  private static void bool(Expr e, String where) {
    if (e.type().kind() != Kind.BOOLEAN && e.type().kind() != Kind.NULL) {
      throw new SqlException(where + ": " + e + " is " + e.type() + ", not a condition");
    }
  }

  private static DataType number(String name, Expr e, String where) {
    if (!e.type().isNumeric() && e.type().kind() != Kind.NULL) {
      throw new SqlException(where + ": " + name + " takes a number, not " + e.type());
    }
    return e.type().kind() == Kind.NULL ? DataType.DOUBLE : e.type();
  }

  private static void text(String name, Expr e, String where) {
    if (!e.type().isText() && e.type().kind() != Kind.NULL) {
      throw new SqlException(where + ": " + name + " takes text, not " + e.type() + " (" + e
          + ")");
    }
  }

  private static void whole(String name, Expr e, String what, String where) {
    Kind k = e.type().kind();
    if (k != Kind.INT && k != Kind.BIGINT && k != Kind.NULL) {
      throw new SqlException(where + ": " + name + "'s " + what + " must be a whole number");
    }
  }

  /** A date argument: a date, a timestamp's date, or text cast to a date (NULL if it is none). */
  private static Expr dateArg(String name, Expr e, String where) {
    Kind k = e.type().kind();
    if (k == Kind.DATE) {
      return e;
    }
    if (k == Kind.TIMESTAMP || e.type().isText() || k == Kind.NULL) {
      return new Expr.Cast(e, DataType.DATE);
    }
    throw new SqlException(where + ": " + name + " takes a date, not " + e.type());
  }

  private static List<Expr> strings(List<Expr> args) {
    List<Expr> out = new ArrayList<>();
    for (Expr a : args) {
      out.add(a.type().isText() ? a : new Expr.Cast(a, DataType.STRING));
    }
    return out;
  }

  private static String constantText(String name, Expr e, String what, String where) {
    if (!(e instanceof Literal l) || !(l.value() instanceof String s)) {
      throw new SqlException(where + ": " + name + "'s " + what + " must be a string literal");
    }
    return s;
  }

  /**
   * What is wrong with {@code rep} as a replacement for matches of {@code p} (Java's rules: {@code
   * $n} and {@code ${name}} name groups of the pattern, a backslash quotes the next character),
   * or null when nothing is.
   */
  static String badReplacement(Pattern p, String rep) {
    int groups = p.matcher("").groupCount();
    for (int i = 0; i < rep.length(); i++) {
      char c = rep.charAt(i);
      if (c == '\\') {
        if (++i == rep.length()) {
          return "it ends with a lone backslash (write \\\\ for one)";
        }
      } else if (c == '$') {
        if (i + 1 == rep.length()) {
          return "a $ with no group after it (write \\$ for a dollar sign)";
        }
        char d = rep.charAt(i + 1);
        if (d >= '0' && d <= '9') {
          if (d - '0' > groups) {
            return "the pattern has " + groups + " groups, $" + d + " was asked for";
          }
        } else if (d == '{') {
          int end = rep.indexOf('}', i);
          String group = end < 0 ? "" : rep.substring(i + 2, end);
          if (end < 0 || !p.pattern().contains("(?<" + group + ">")) {
            return "the pattern has no group named '" + group + "'";
          }
        } else {
          return "a $ must name a group ($1, ${name}); write \\$ for a dollar sign";
        }
      }
    }
    return null;
  }

  /** A constant pattern compiled (a bad one is refused here), or null when it is not constant. */
  private static Pattern regex(String name, Expr e, String where) {
    text(name, e, where);
    if (e instanceof Literal l && l.value() instanceof String s) {
      try {
        return Pattern.compile(s);
      } catch (PatternSyntaxException ex) {
        throw new SqlException(where + ": bad regular expression '" + s + "': "
            + ex.getDescription());
      }
    }
    return null;
  }
}
