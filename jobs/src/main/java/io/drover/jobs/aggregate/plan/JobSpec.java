package io.drover.jobs.aggregate.plan;

import io.drover.jobs.aggregate.expr.QueryException;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.aggregate.input.Inference;
import io.drover.jobs.aggregate.input.RecordParser;
import io.drover.jobs.aggregate.input.Schema;
import io.drover.jobs.aggregate.sql.QueryParser;
import java.time.ZoneId;

/**
 * Everything a task needs to rebuild the plan: the SQL, the input format and its (inferred or
 * given) schema, the time zone and the output format. The client decides it once; every task
 * plans the same query from it, so all agree.
 */
public record JobSpec(String sql, Format format, Schema schema, boolean header, char delimiter,
    ZoneId zone, RowFormat output) {

  public Plan plan() throws QueryException {
    return Planner.plan(QueryParser.parse(sql), schema, zone);
  }

  public RecordParser parser() {
    return Inference.parser(format, schema, delimiter, zone);
  }

  /** The parser that converts only the columns the plan reads (see Plan#inputColumns). */
  public RecordParser parser(Plan plan) {
    return Inference.parser(format, schema, delimiter, zone, plan.inputColumns(schema.size()));
  }

  /** One line for the explain output and the client's messages. */
  public String describeInput() {
    String f = format.name().toLowerCase(java.util.Locale.ROOT);
    if (format == Format.CSV || format == Format.TSV) {
      f += header ? " with a header row" : " without header";
      if (format == Format.CSV && delimiter != ',') {
        f += ", delimiter '" + delimiter + "'";
      }
    }
    return f + "; columns " + schema.describeColumns() + "; time zone " + zone;
  }
}
