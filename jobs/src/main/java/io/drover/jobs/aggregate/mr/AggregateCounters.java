package io.drover.jobs.aggregate.mr;

/** What the aggregation counts; bad records are also counted per reason (group BadRecords). */
public enum AggregateCounters {
  /** Input records read (good and bad; CSV headers not included). */
  RECORDS_READ,
  /** Records that did not parse: kept under _bad/. */
  BAD_RECORDS,
  /** Values that did not convert to their column's type and were read as NULL. */
  BAD_VALUES,
  /** Rows that WHERE dropped. */
  ROWS_FILTERED,
  /** Rows that went into a group. */
  ROWS_AGGREGATED,
  /** Times a mapper's hash table reached its memory bound and was written out. */
  MAP_FLUSHES,
  /** Partial states written by mappers. */
  MAP_PARTIALS,
  /** Groups the reducers finished (before HAVING). */
  GROUPS,
  /** Rows written (after HAVING, before LIMIT). */
  ROWS_OUT
}
