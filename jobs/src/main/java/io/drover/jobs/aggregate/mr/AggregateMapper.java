package io.drover.jobs.aggregate.mr;

import io.drover.jobs.aggregate.agg.Accumulator;
import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.aggregate.input.Inference;
import io.drover.jobs.aggregate.input.RecordParser;
import io.drover.jobs.aggregate.plan.JobSpec;
import io.drover.jobs.aggregate.plan.Plan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Parses each line, filters, computes the group key and updates the group's partial states in an
 * in-mapper hash table (Hive's hash-mode GroupByOperator). The table is written out when its
 * estimated heap reaches {@link AggregateConf#INMAPPER_MAX_BYTES} and at the end of the task, so a
 * hot key costs one record per flush, not one per row. Bad records are counted per reason and
 * written unchanged to {@code _bad/records-m-*}, their file, offset and reason to
 * {@code _bad/reasons-m-*}.
 */
public class AggregateMapper extends Mapper<LongWritable, Text, BytesKey, StateWritable> {
  private Plan plan;
  private RecordParser parser;
  private boolean skipHeader;
  private long maxBytes;
  private final Map<ByteBuffer, Accumulator[]> table = new HashMap<>();
  private long tableBytes;
  private MultipleOutputs<BytesKey, StateWritable> bad;
  private final BytesKey outKey = new BytesKey();
  private final StateWritable outState = new StateWritable();
  private final Text reason = new Text();
  private long read;
  private long bads;
  private long filtered;
  private long aggregated;
  private long flushes;
  private long partials;

  @Override
  protected void setup(Context context) throws IOException {
    JobSpec spec = AggregateConf.read(context.getConfiguration());
    plan = AggregateConf.plan(spec);
    parser = spec.parser();
    skipHeader = spec.header() && (spec.format() == Format.CSV || spec.format() == Format.TSV);
    maxBytes = context.getConfiguration().getLong(AggregateConf.INMAPPER_MAX_BYTES,
        AggregateConf.INMAPPER_MAX_BYTES_DEFAULT);
  }

  @Override
  protected void map(LongWritable offset, Text line, Context context)
      throws IOException, InterruptedException {
    String s = line.toString();
    if (offset.get() == 0) {
      s = Inference.stripBom(s);
      if (skipHeader) {
        return;
      }
    }
    read++;
    Object[] row;
    try {
      row = parser.parse(s);
    } catch (BadRecordException e) {
      bads++;
      if (bad == null) {
        bad = new MultipleOutputs<>(context); // only a task that meets a bad record makes files
      }
      context.getCounter(AggregateConf.BAD_COUNTER_GROUP, e.reason().name()).increment(1);
      bad.write(AggregateConf.BAD_OUTPUT, NullWritable.get(), line,
          AggregateConf.BAD_DIR + "/records");
      String file = context.getConfiguration().get(MRJobConfig.MAP_INPUT_FILE, "?");
      reason.set(file + "\t" + offset.get() + "\t" + e.reason().name() + "\t" + e.getMessage());
      bad.write(AggregateConf.BAD_OUTPUT, NullWritable.get(), reason,
          AggregateConf.BAD_DIR + "/reasons");
      return;
    }
    if (!plan.accept(row)) {
      filtered++;
      return;
    }
    aggregated++;
    ByteBuffer key = ByteBuffer.wrap(plan.key(row));
    Accumulator[] states = table.get(key);
    if (states == null) {
      states = plan.newStates();
      table.put(key, states);
      tableBytes += 96 + key.capacity() + Plan.heapBytes(states);
    }
    plan.update(states, row);
    if (tableBytes >= maxBytes) {
      flushes++;
      flush(context);
    }
  }

  private void flush(Context context) throws IOException, InterruptedException {
    for (Map.Entry<ByteBuffer, Accumulator[]> e : table.entrySet()) {
      byte[] k = e.getKey().array();
      outKey.set(k, 0, k.length);
      outState.set(Plan.writeStates(e.getValue()));
      context.write(outKey, outState);
      partials++;
    }
    table.clear();
    tableBytes = 0;
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    flush(context);
    if (bad != null) {
      bad.close();
    }
    context.getCounter(AggregateCounters.RECORDS_READ).increment(read);
    context.getCounter(AggregateCounters.BAD_RECORDS).increment(bads);
    context.getCounter(AggregateCounters.BAD_VALUES).increment(parser.badValues());
    context.getCounter(AggregateCounters.ROWS_FILTERED).increment(filtered);
    context.getCounter(AggregateCounters.ROWS_AGGREGATED).increment(aggregated);
    context.getCounter(AggregateCounters.MAP_FLUSHES).increment(flushes);
    context.getCounter(AggregateCounters.MAP_PARTIALS).increment(partials);
  }
}
