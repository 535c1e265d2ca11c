package io.drover.jobs.aggregate.expr;

import java.util.Locale;

/**
 * The value types of a row. Values are plain Java objects: {@code Long} for LONG and for
 * TIMESTAMP (microseconds since the epoch, UTC), {@code Double}, {@code Boolean}, {@code String};
 * NULL is {@code null}. The static type of an expression says how to read its value.
 */
public enum Type {
  LONG("bigint"),
  DOUBLE("double"),
  BOOLEAN("boolean"),
  STRING("string"),
  TIMESTAMP("timestamp");

  private final String sqlName;

  Type(String sqlName) {
    this.sqlName = sqlName;
  }

  /** The Spark SQL name, as written in {@code --schema} and in the {@code _schema} file. */
  public String sqlName() {
    return sqlName;
  }

  public boolean numeric() {
    return this == LONG || this == DOUBLE;
  }

  /**
   * The type a SQL type name denotes (Hive and Spark spellings), or null when unknown. DECIMAL is
   * read as DOUBLE and DATE as a TIMESTAMP at midnight.
   */
  public static Type fromSqlName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    int paren = n.indexOf('(');
    if (paren >= 0) {
      n = n.substring(0, paren).trim();
    }
    switch (n) {
      case "bigint":
      case "long":
      case "int":
      case "integer":
      case "smallint":
      case "tinyint":
      case "byte":
      case "short":
      case "int64":
      case "hugeint":
        return LONG;
      case "double":
      case "float":
      case "real":
      case "decimal":
      case "numeric":
      case "float64":
      case "double precision":
        return DOUBLE;
      case "boolean":
      case "bool":
        return BOOLEAN;
      case "string":
      case "varchar":
      case "char":
      case "text":
        return STRING;
      case "timestamp":
      case "datetime":
      case "date":
        return TIMESTAMP;
      default:
        return null;
    }
  }
}
