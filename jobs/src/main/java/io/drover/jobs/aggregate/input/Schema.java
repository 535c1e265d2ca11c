package io.drover.jobs.aggregate.input;

import io.drover.jobs.aggregate.expr.QueryException;
import io.drover.jobs.aggregate.expr.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The columns of the input, in order: names as in the header, JSON (dotted for nested fields) or
 * log format; looked up case-insensitively, as Spark does.
 */
public record Schema(List<Field> fields) {
  /** One column. */
  public record Field(String name, Type type) {}

  public Schema {
    fields = List.copyOf(fields);
  }

  public int size() {
    return fields.size();
  }

  public Field get(int i) {
    return fields.get(i);
  }

  /** The index of {@code name}, or -1. An exact match wins over a case-insensitive one. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  public List<String> names() {
    return fields.stream().map(Field::name).collect(Collectors.toList());
  }

  /** {@code name type, name type, ...}, as {@code --schema} takes it. */
  @Override
  public String toString() {
    return fields.stream().map(f -> quote(f.name()) + " " + f.type().sqlName())
        .collect(Collectors.joining(", "));
  }

  private static String quote(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_.]*") ? name : "`" + name.replace("`", "``") + "`";
  }

  /** Parses {@code "name type, ..."}; names may be back-quoted. */
  public static Schema parse(String text) throws QueryException {
    List<Field> out = new ArrayList<>();
    int i = 0;
    String s = text.trim();
    while (i < s.length()) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      String name;
      if (i < s.length() && s.charAt(i) == '`') {
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
          if (i >= s.length()) {
            throw new QueryException("--schema: unterminated ` in '" + text + "'");
          }
          char c = s.charAt(i++);
          if (c == '`') {
            if (i < s.length() && s.charAt(i) == '`') {
              b.append('`');
              i++;
            } else {
              break;
            }
          } else {
            b.append(c);
          }
        }
        name = b.toString();
      } else {
        int start = i;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ',') {
          i++;
        }
        name = s.substring(start, i);
      }
      int comma = -1;
      int depth = 0;
      for (int j = i; j < s.length() && comma < 0; j++) {
        char c = s.charAt(j);
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (c == ',' && depth == 0) {
          comma = j;
        }
      }
      String typeText = (comma < 0 ? s.substring(i) : s.substring(i, comma)).trim();
      i = comma < 0 ? s.length() : comma + 1;
      Type t = Type.fromSqlName(typeText);
      if (name.isEmpty() || typeText.isEmpty() || t == null) {
        throw new QueryException("--schema: cannot read '" + (name + " " + typeText).trim()
            + "'; write \"name type, name type\" with types bigint, double, boolean, string, "
            + "timestamp");
      }
      out.add(new Field(name, t));
    }
    if (out.isEmpty()) {
      throw new QueryException("--schema is empty");
    }
    return new Schema(out);
  }

  public String describeColumns() {
    return fields.stream().map(f -> f.name() + " " + f.type().sqlName().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
