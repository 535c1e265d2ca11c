package io.drover.jobs.sql.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table as its DDL defines it. Immutable.
 *
 * @param name the table's name, lower case
 * @param columns its columns, in file order, names unique
 * @param format how its files are stored
 * @param fieldDelimiter the field separator of a {@link TableFormat#TEXTFILE} table (Hive's
 *     default is {@code \001})
 * @param location the file or dir holding its data (a path or URI, as written)
 * @param external whether it was created {@code EXTERNAL} (Drover never deletes table data either
 *     way)
 * @param headerLines lines (records) skipped at the start of each file: Hive's {@code
 *     skip.header.line.count}, 0 or 1
 * @param moreLocations further files or dirs of the table's data (the sql program's short form
 *     reads its inputs as one table); empty for a DDL table
 */
public record Table(
    String name,
    List<Column> columns,
    TableFormat format,
    char fieldDelimiter,
    String location,
    boolean external,
    int headerLines,
    List<String> moreLocations) implements java.io.Serializable {
  /** Hive's default field separator (Ctrl-A). */
  public static final char HIVE_DEFAULT_DELIMITER = '\001';

  /** A table without header lines. */
  public Table(String name, List<Column> columns, TableFormat format, char fieldDelimiter,
      String location, boolean external) {
    this(name, columns, format, fieldDelimiter, location, external, 0);
  }

  /** A table at one location. */
  public Table(String name, List<Column> columns, TableFormat format, char fieldDelimiter,
      String location, boolean external, int headerLines) {
    this(name, columns, format, fieldDelimiter, location, external, headerLines, List.of());
  }

  public Table {
    if (headerLines < 0 || headerLines > 1) {
      throw new IllegalArgumentException("table " + name + ": skip.header.line.count "
          + headerLines + " is not 0 or 1");
    }
    if (name == null || name.isEmpty() || format == null || location == null) {
      throw new IllegalArgumentException("a table needs a name, a format and a location");
    }
    columns = List.copyOf(columns);
    moreLocations = List.copyOf(moreLocations);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " has no column");
    }
    Set<String> seen = new HashSet<>();
    for (Column c : columns) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("table " + name + " has two columns named " + c.name());
      }
    }
  }

  /** This table at {@code locations} (one or more). */
  public Table withLocations(List<String> locations) {
    return new Table(name, columns, format, fieldDelimiter, locations.get(0), external,
        headerLines, locations.subList(1, locations.size()));
  }

  /** Every file or dir of the table's data: {@link #location} first. */
  public List<String> locations() {
    List<String> all = new java.util.ArrayList<>();
    all.add(location);
    all.addAll(moreLocations);
    return all;
  }

  /** The column named {@code name} (lower case), if any. */
  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
