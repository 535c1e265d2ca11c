package io.drover.jobs.sql.exec;

import io.drover.jobs.sql.physical.Source;

/** Reads every row of a source (a broadcast side), in the task that needs it. */
@FunctionalInterface
public interface SourceReader {
  void read(Source source, RowSink sink);
}
