package io.drover.jobs.sql.catalog;

/** How a table's files are stored (Hive's {@code STORED AS}). */
public enum TableFormat {
  /** Delimited text, one row a line, Hive's {@code ROW FORMAT DELIMITED} rules. */
  TEXTFILE,
  /** Apache Parquet files. */
  PARQUET
}
