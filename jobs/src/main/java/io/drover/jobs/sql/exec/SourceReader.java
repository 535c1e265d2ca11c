package io.drover.jobs.sql.exec;

import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.Source;

/** Reads every row of a source (a broadcast side), in the task that needs it. */
@FunctionalInterface
public interface SourceReader {
  void read(Source source, RowSink sink);

  /**
   * Reads {@code branch}'s source into {@code sink} (the head of the branch's operators), where
   * a reader may skip what the branch's first filter rules out (a Parquet table's row groups);
   * the operators still see and filter every row read.
   */
  default void read(Branch branch, RowSink sink) {
    read(branch.source(), sink);
  }
}
