package io.drover.jobs.sql.catalog;

import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.aggregate.input.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the sql catalog meets {@code aggregate}'s input formats (csv, tsv, jsonl, apache), which
 * read the {@link TableFormat#CSV}, {@link TableFormat#TSV}, {@link TableFormat#JSONFILE} and
 * {@link TableFormat#APACHELOG} tables: the formats' names, the type of each side, the Apache
 * log's fixed columns and a table from an inferred schema (the short form).
 */
public final class InputFormats {
  private InputFormats() {}

  /** The aggregate format reading {@code f}, or null for TEXTFILE and PARQUET. */
  public static Format format(TableFormat f) {
    return switch (f) {
      case CSV -> Format.CSV;
      case TSV -> Format.TSV;
      case JSONFILE -> Format.JSONL;
      case APACHELOG -> Format.APACHE;
      default -> null;
    };
  }

  /** The table format of an aggregate format. */
  public static TableFormat tableFormat(Format f) {
    return switch (f) {
      case CSV -> TableFormat.CSV;
      case TSV -> TableFormat.TSV;
      case JSONL -> TableFormat.JSONFILE;
      case APACHE -> TableFormat.APACHELOG;
    };
  }

  /** The SQL type of an aggregate value type. */
  public static DataType sqlType(Type t) {
    return switch (t) {
      case LONG -> DataType.BIGINT;
      case DOUBLE -> DataType.DOUBLE;
      case BOOLEAN -> DataType.BOOLEAN;
      case STRING -> DataType.STRING;
      case TIMESTAMP -> DataType.TIMESTAMP;
    };
  }

  /**
   * The type the aggregate parser reads a column of SQL type {@code t} as: bigint, double,
   * boolean and timestamp as themselves (aggregate's conversions, as Spark's), everything else
   * as its text, which the sql runtime then converts by Hive's rules (int, decimal, date,
   * varchar, char, string).
   */
  public static Type readType(DataType t) {
    return switch (t.kind()) {
      case BIGINT -> Type.LONG;
      case DOUBLE -> Type.DOUBLE;
      case BOOLEAN -> Type.BOOLEAN;
      case TIMESTAMP -> Type.TIMESTAMP;
      default -> Type.STRING;
    };
  }

  /** The Apache log's columns, as {@code aggregate --format apache} names and types them. */
  public static List<Column> apacheColumns() {
    return columns(Format.apacheSchema());
  }

  /**
   * The columns of an inferred (or {@code --schema}) input schema: names lower case, as the sql
   * catalog keeps them.
   *
   * @throws CatalogException when two names differ only in case
   */
  public static List<Column> columns(Schema schema) {
    List<Column> out = new ArrayList<>();
    for (Schema.Field f : schema.fields()) {
      String name = f.name().toLowerCase(Locale.ROOT);
      if (out.stream().anyMatch(c -> c.name().equals(name))) {
        throw new CatalogException("two columns are named " + name + " (names are "
            + "case-insensitive); give the columns with --schema");
      }
      out.add(new Column(name, sqlType(f.type())));
    }
    return out;
  }

  /** The aggregate schema that reads {@code columns}: their names and {@link #readType}s. */
  public static Schema readSchema(List<Column> columns) {
    return new Schema(columns.stream()
        .map(c -> new Schema.Field(c.name(), readType(c.type()))).toList());
  }
}
