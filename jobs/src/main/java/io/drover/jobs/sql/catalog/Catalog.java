package io.drover.jobs.sql.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables a query may name, by name (case-insensitive, as in Hive). Immutable: {@link #with}
 * gives a new catalog.
 */
public final class Catalog {
  private static final Catalog EMPTY = new Catalog(Map.of());

  private final Map<String, Table> tables;

  private Catalog(Map<String, Table> tables) {
    this.tables = tables;
  }

  /** A catalog without tables. */
  public static Catalog empty() {
    return EMPTY;
  }

  /**
   * This catalog plus {@code table}.
   *
   * @throws CatalogException if a table of that name exists already
   */
  public Catalog with(Table table) {
    if (tables.containsKey(table.name())) {
      throw new CatalogException("table " + table.name() + " is defined twice");
    }
    Map<String, Table> copy = new LinkedHashMap<>(tables);
    copy.put(table.name(), table);
    return new Catalog(Collections.unmodifiableMap(copy));
  }

  /** The table named {@code name} (any case), if defined. */
  public Optional<Table> find(String name) {
    return Optional.ofNullable(tables.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * The table named {@code name} (any case).
   *
   * @throws CatalogException naming the table and the defined ones if there is none
   */
  public Table table(String name) {
    return find(name).orElseThrow(() -> new CatalogException("unknown table " + name
        + (tables.isEmpty() ? ": no table is defined (define it with CREATE EXTERNAL TABLE)"
            : " (defined: " + String.join(", ", tables.keySet()) + ")")));
  }

  /** The tables in definition order. */
  public Collection<Table> tables() {
    return tables.values();
  }
}
