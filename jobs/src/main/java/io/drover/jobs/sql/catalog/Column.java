package io.drover.jobs.sql.catalog;

/**
 * A table's column: its name (lower case, as Hive keeps it) and type.
 *
 * @param name the column's name, lower case
 * @param type its type
 */
public record Column(String name, DataType type) implements java.io.Serializable {
  public Column {
    if (name == null || name.isEmpty() || type == null) {
      throw new IllegalArgumentException("a column needs a name and a type");
    }
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}
