package io.drover.jobs.sql.exec;

/** Where rows are pushed, one at a time; {@link #finish} after the last. */
@FunctionalInterface
public interface RowSink {
  void accept(Object[] row);

  /** No more rows: flush what is held. */
  default void finish() {}
}
