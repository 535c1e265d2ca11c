package io.drover.jobs.sql.catalog;

/**
 * How a table's files are stored. {@link #TEXTFILE} and {@link #PARQUET} are Hive's own; the
 * others are read by the parsers {@code aggregate} reads its inputs with (one reader per format).
 */
public enum TableFormat {
  /** Delimited text, one row a line, Hive's {@code ROW FORMAT DELIMITED} rules. */
  TEXTFILE,
  /** Apache Parquet files. */
  PARQUET,
  /**
   * CSV, RFC 4180 (quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, a
   * BOM): {@code ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'}.
   */
  CSV,
  /**
   * Tab-separated with {@code aggregate}'s rules (every row has every field, {@code \N} is
   * NULL): the short form's {@code --format tsv}. A DDL tab-delimited table is {@link #TEXTFILE}.
   */
  TSV,
  /** JSON lines: {@code STORED AS JSONFILE} or {@code ROW FORMAT SERDE '...JsonSerDe'}. */
  JSONFILE,
  /** Apache common and combined logs, fixed columns: {@code STORED AS APACHELOG}. */
  APACHELOG;

  /** Whether a first line of each file may be a header that {@code skip.header.line.count} skips. */
  public boolean hasHeader() {
    return this == TEXTFILE || this == CSV || this == TSV;
  }

  /** How the messages and {@code --explain} name it: csv, tsv, jsonl, apache, text, parquet. */
  public String label() {
    return switch (this) {
      case TEXTFILE -> "text";
      case PARQUET -> "parquet";
      case CSV -> "csv";
      case TSV -> "tsv";
      case JSONFILE -> "jsonl";
      case APACHELOG -> "apache";
    };
  }
}
