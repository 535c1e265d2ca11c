package io.drover.jobs.aggregate.mr;

import io.drover.jobs.aggregate.agg.Accumulator;
import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.input.Format;
import io.drover.jobs.aggregate.input.RecordParser;
import io.drover.jobs.aggregate.plan.JobSpec;
import io.drover.jobs.aggregate.plan.Plan;
import java.io.IOException;
import io.drover.jobs.aggregate.plan.GroupTable;
import io.drover.jobs.aggregate.plan.KeyCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Parses each record (a line; for CSV a record, which may span lines), filters, computes the
 * group key and updates the group's partial states in an in-mapper hash table (Hive's hash-mode
 * GroupByOperator). The table is written out when its
 * estimated heap reaches {@link AggregateConf#INMAPPER_MAX_BYTES} and at the end of the task, so a
 * hot key costs one record per flush, not one per row. Bad records are counted per reason and
 * written unchanged to {@code _bad/records-m-*}, their file, offset, reason, bytes and lines to
 * {@code _bad/reasons-m-*}; values that did not convert are counted per column (counter groups
 * ValuesRead and BadValues) and each such column's counts and first bad value go to
 * {@code _bad/values-m-*}.
 */
public class AggregateMapper extends Mapper<LongWritable, Text, BytesKey, StateWritable> {
  private Plan plan;
  private RecordParser parser;
  private boolean skipHeader;
  private long maxBytes;
  private boolean csv;
  private int maxRecordBytes;
  private final GroupTable<Accumulator[]> table = new GroupTable<>();
  private final KeyCodec.Bytes key = new KeyCodec.Bytes();
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
  private long recordBytes;
  private long badBytes;
  private long badLines;
  private long longBad;
  private int maxBadLines;
  private io.drover.jobs.aggregate.input.Schema schema;
  private boolean sideFiles;

  @Override
  protected void setup(Context context) throws IOException {
    JobSpec spec = AggregateConf.read(context.getConfiguration());
    plan = AggregateConf.plan(spec);
    parser = spec.parser(plan);
    skipHeader = spec.header() && (spec.format() == Format.CSV || spec.format() == Format.TSV);
    csv = spec.format() == Format.CSV;
    maxRecordBytes = context.getConfiguration().getInt(AggregateConf.CSV_MAX_RECORD_BYTES,
        AggregateConf.CSV_MAX_RECORD_BYTES_DEFAULT);
    maxBytes = context.getConfiguration().getLong(AggregateConf.INMAPPER_MAX_BYTES,
        AggregateConf.INMAPPER_MAX_BYTES_DEFAULT);
    maxBadLines = context.getConfiguration().getInt(AggregateConf.BAD_MAX_RECORD_LINES,
        AggregateConf.BAD_MAX_RECORD_LINES_DEFAULT);
    schema = spec.schema();
    // MultipleOutputs keeps its named outputs under this key; a harness without them (MRUnit)
    // gets the counters only
    sideFiles = (" " + context.getConfiguration().get("mapreduce.multipleoutputs", "") + " ")
        .contains(" " + AggregateConf.BAD_OUTPUT + " ");
  }

  @Override
  protected void map(LongWritable offset, Text line, Context context)
      throws IOException, InterruptedException {
    byte[] b = line.getBytes();
    int off = 0;
    int len = line.getLength();
    if (offset.get() == 0) {
      if (len >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
        off = 3; // a UTF-8 byte-order mark
        len -= 3;
      }
      if (skipHeader) {
        return;
      }
    }
    read++;
    recordBytes += len;
    Object[] row;
    try {
      if (csv && len >= maxRecordBytes) {
        throw new BadRecordException(BadRecordException.Reason.RECORD_TOO_LONG, "a record of "
            + maxRecordBytes + " bytes or more (" + AggregateConf.CSV_MAX_RECORD_BYTES
            + "): cut there; a quote that is never closed?");
      }
      row = parser.parse(b, off, len);
    } catch (BadRecordException e) {
      bads++;
      int lines = lines(b, off, len);
      badBytes += len;
      badLines += lines;
      if (maxBadLines >= 0 && lines > maxBadLines) {
        longBad++;
      }
      if (bad == null) {
        bad = new MultipleOutputs<>(context); // only a task that meets a bad record makes files
      }
      context.getCounter(AggregateConf.BAD_COUNTER_GROUP, e.reason().name()).increment(1);
      bad.write(AggregateConf.BAD_OUTPUT, NullWritable.get(), line,
          AggregateConf.BAD_DIR + "/records");
      String file = context.getConfiguration().get(MRJobConfig.MAP_INPUT_FILE, "?");
      reason.set(AggregateConf.reasonLine(file, offset.get(), e.reason().name(), len, lines,
          e.getMessage()));
      bad.write(AggregateConf.BAD_OUTPUT, NullWritable.get(), reason,
          AggregateConf.BAD_DIR + "/reasons");
      return;
    }
    if (!plan.accept(row)) {
      filtered++;
      return;
    }
    aggregated++;
    plan.key(row, key);
    Accumulator[] states = table.get(key.array(), key.size());
    if (states == null) {
      states = plan.newStates();
      table.put(key.array(), key.size(), states);
      tableBytes += 96 + key.size() + Plan.heapBytes(states);
    }
    plan.update(states, row);
    if (tableBytes >= maxBytes) {
      flushes++;
      flush(context);
    }
  }

  /**
   * The lines a record spans: 1 + its line breaks (LF, CRLF or a lone CR), not counting one that
   * ends it (a quote left open to the end of a file takes the file's last line break in).
   */
  public static int lines(byte[] b, int off, int len) {
    int n = 1;
    int end = off + len;
    if (end > off && b[end - 1] == '\n') {
      end--;
    }
    if (end > off && b[end - 1] == '\r') {
      end--;
    }
    for (int i = off; i < end; i++) {
      if (b[i] == '\n' || (b[i] == '\r' && i + 1 < end && b[i + 1] != '\n')) {
        n++;
      }
    }
    return n;
  }

  private void flush(Context context) throws IOException, InterruptedException {
    List<byte[]> keys = new ArrayList<>(table.size());
    List<Accumulator[]> states = new ArrayList<>(table.size());
    table.forEach((k, s) -> {
      keys.add(k);
      states.add(s);
    });
    for (int i = 0; i < keys.size(); i++) {
      outKey.set(keys.get(i), 0, keys.get(i).length);
      outState.set(Plan.writeStates(states.get(i)));
      context.write(outKey, outState);
      partials++;
    }
    table.clear();
    tableBytes = 0;
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    flush(context);
    io.drover.jobs.aggregate.input.ValueTally tally = parser.valueTally();
    java.util.List<String> valueLines = new java.util.ArrayList<>();
    long values = tally == null ? 0
        : AggregateConf.countValues(tally, schema, context, valueLines);
    for (String line : sideFiles ? valueLines : java.util.List.<String>of()) {
      if (bad == null) {
        bad = new MultipleOutputs<>(context);
      }
      reason.set(line);
      bad.write(AggregateConf.BAD_OUTPUT, NullWritable.get(), reason,
          AggregateConf.BAD_DIR + "/values");
    }
    if (bad != null) {
      bad.close();
    }
    context.getCounter(AggregateCounters.RECORDS_READ).increment(read);
    context.getCounter(AggregateCounters.RECORD_BYTES).increment(recordBytes);
    context.getCounter(AggregateCounters.BAD_RECORDS).increment(bads);
    context.getCounter(AggregateCounters.BAD_BYTES).increment(badBytes);
    context.getCounter(AggregateCounters.BAD_LINES).increment(badLines);
    context.getCounter(AggregateCounters.BAD_LONG_RECORDS).increment(longBad);
    context.getCounter(AggregateCounters.VALUES_READ).increment(values);
    context.getCounter(AggregateCounters.BAD_VALUES).increment(parser.badValues());
    context.getCounter(AggregateCounters.ROWS_FILTERED).increment(filtered);
    context.getCounter(AggregateCounters.ROWS_AGGREGATED).increment(aggregated);
    context.getCounter(AggregateCounters.MAP_FLUSHES).increment(flushes);
    context.getCounter(AggregateCounters.MAP_PARTIALS).increment(partials);
  }
}
