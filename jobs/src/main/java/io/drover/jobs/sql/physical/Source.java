package io.drover.jobs.sql.physical;

import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.logical.Field;
import java.io.Serializable;
import java.util.List;

/** Where a {@link Branch}'s rows come from: a table's files or an earlier stage's output. */
public sealed interface Source extends Serializable {
  /** The rows' columns, in order. */
  List<Field> schema();

  /** Reads {@code columns} of {@code table}'s files, qualified by {@code alias}. */
  record TableScan(Table table, String alias, List<Column> columns) implements Source {
    public TableScan {
      columns = List.copyOf(columns);
    }

    public List<Field> schema() {
      return columns.stream().map(c -> new Field(alias, c.name(), c.type())).toList();
    }

    @Override
    public String toString() {
      return "table " + table.name() + (alias.equals(table.name()) ? "" : " AS " + alias) + " "
          + columns.stream().map(Column::name).toList() + " from " + table.location()
          + (io.drover.jobs.sql.catalog.InputFormats.format(table.format()) == null ? ""
              : " (" + table.format().label() + (table.headerLines() > 0 ? ", header" : "")
                  + ")");
    }
  }

  /** Reads the binary rows stage {@code stage} wrote. */
  record StageOutput(int stage, List<Field> schema) implements Source {
    public StageOutput {
      schema = List.copyOf(schema);
    }

    @Override
    public String toString() {
      return "stage " + (stage + 1) + " output"; // numbered from 1, as the jobs are
    }
  }
}
