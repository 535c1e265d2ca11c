package io.drover.jobs.sql.mr;

/** Counters of SQL stages. */
public enum SqlCounters {
  /** Fields read as NULL because they did not convert to their column's type. */
  BAD_VALUES,
  /** Rows read from Parquet tables' files (after row groups skipped by their statistics). */
  PARQUET_ROWS
}
