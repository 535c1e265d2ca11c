package io.drover.jobs.aggregate.mr;

/** What the aggregation counts; bad records are also counted per reason (group BadRecords). */
public enum AggregateCounters {
  /** Input records read (good and bad; CSV headers not included). */
  RECORDS_READ,
  /** Bytes of the records read (good and bad, without their line ends). */
  RECORD_BYTES,
  /** Records that did not parse: kept under _bad/. */
  BAD_RECORDS,
  /** Bytes of the bad records (without their line ends). */
  BAD_BYTES,
  /** Lines the bad records span. */
  BAD_LINES,
  /** Bad records that span more lines than drover.aggregate.bad.max-record-lines. */
  BAD_LONG_RECORDS,
  /** Non-empty values of the typed (not string) columns the query reads. */
  VALUES_READ,
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
