package io.drover.jobs.sql.mr;

/** Counters of SQL stages. */
public enum SqlCounters {
  /** Fields read as NULL because they did not convert to their column's type. */
  BAD_VALUES,
  /**
   * Values of the typed columns read from the short form's table (with {@link
   * SqlConf#VALUE_COUNTERS}; per column in aggregate's groups ValuesRead and BadValues).
   */
  VALUES_READ,
  /** Groups the reducers of GROUP BY stages formed (their rows before HAVING). */
  GROUPS,
  /** Times a map task's partial aggregation emitted its groups early, at its memory bound. */
  MAP_AGG_FLUSHES,
  /** Rows read from Parquet tables' files (after row groups skipped by their statistics). */
  PARQUET_ROWS,
  /** Records read from csv, tsv, jsonl and apache tables (good and bad; headers not counted). */
  RECORDS_READ,
  /** Bytes of those records (without their line ends). */
  RECORD_BYTES,
  /** Records of those tables that did not parse (also per reason, group BadRecords). */
  BAD_RECORDS,
  /** Bytes of the bad records. */
  BAD_BYTES,
  /** Lines the bad records span. */
  BAD_LINES,
  /** Bad records spanning more lines than drover.aggregate.bad.max-record-lines. */
  BAD_LONG_RECORDS
}
