package io.drover.jobs.sql.mr;

import io.drover.jobs.aggregate.mr.CsvInputFormat;
import io.drover.jobs.sql.catalog.InputFormats;
import io.drover.jobs.sql.catalog.TableFormat;
import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.PhysicalPlan;
import io.drover.jobs.sql.physical.Source;
import io.drover.jobs.sql.physical.Stage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapred.Reporter;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.hadoop.ParquetRecordReader;

/**
 * A stage's input: the splits of every branch (a text, tsv, jsonl or apache table's files through
 * {@link TextInputFormat}, a CSV table's records through {@link CsvInputFormat}'s reader, a Parquet table's through {@link ParquetInputFormat}, an earlier stage's
 * binary rows through {@link SequenceFileInputFormat}),
 * each tagged with its branch so that the map task knows which operators to run.
 */
public class BranchInputFormat extends InputFormat<Writable, Writable> {
  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException, InterruptedException {
    Configuration conf = context.getConfiguration();
    PhysicalPlan plan = SqlConf.plan(conf);
    Stage stage = SqlConf.stage(conf, plan);
    List<InputSplit> out = new ArrayList<>();
    for (int i = 0; i < stage.inputs().size(); i++) {
      Branch b = stage.inputs().get(i);
      Job one = Job.getInstance(new Configuration(conf));
      Path[] in = locations(conf, b.source());
      long size = io.drover.common.run.InputPacking.balancedSplitBytes(conf, List.of(in));
      if (size > 0) { // local: whole waves of the map slots (or -D drover.input.split.max-bytes)
        FileInputFormat.setMinInputSplitSize(one, size);
        FileInputFormat.setMaxInputSplitSize(one, size);
      }
      FileInputFormat.setInputPaths(one, in);
      boolean first = true;
      for (InputSplit s : format(b.source()).getSplits(one)) {
        out.add(new BranchSplit(i, (FileSplit) s, first));
        first = false;
      }
    }
    return out;
  }

  /** Where a source's files are (a table may have several locations). */
  static Path[] locations(Configuration conf, Source s) {
    if (s instanceof Source.TableScan t) {
      return t.table().locations().stream().map(Path::new).toArray(Path[]::new);
    }
    return new Path[] {SqlConf.stageDir(conf, ((Source.StageOutput) s).stage())};
  }

  static FileInputFormat<?, ?> format(Source s) {
    if (parquet(s)) {
      return new ParquetInputFormat<Object[]>();
    }
    if (csv(s)) { // CSV records: split unless compressed (then one reader reads the file whole)
      return new TextInputFormat() {
        @Override
        protected boolean isSplitable(JobContext context, Path file) {
          return new CompressionCodecFactory(context.getConfiguration()).getCodec(file) == null;
        }
      };
    }
    return s instanceof Source.TableScan ? new TextInputFormat()
        : new SequenceFileInputFormat<Writable, Writable>();
  }

  /** Whether {@code s} reads a CSV table (records that may span lines: {@link CsvInputFormat}). */
  static boolean csv(Source s) {
    return s instanceof Source.TableScan t && t.table().format() == TableFormat.CSV;
  }

  /** Whether {@code s} reads a csv, tsv, jsonl or apache table ({@link FormatScan}). */
  static boolean formatted(Source s) {
    return s instanceof Source.TableScan t && InputFormats.format(t.table().format()) != null;
  }

  /** Whether {@code s} reads a Parquet table. */
  static boolean parquet(Source s) {
    return s instanceof Source.TableScan t && t.table().format() == TableFormat.PARQUET;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public RecordReader<Writable, Writable> createRecordReader(InputSplit split,
      TaskAttemptContext context) throws IOException, InterruptedException {
    BranchSplit bs = (BranchSplit) split;
    Configuration conf = context.getConfiguration();
    Stage stage = SqlConf.stage(conf, SqlConf.plan(conf));
    Branch branch = stage.inputs().get(bs.branch());
    if (parquet(branch.source())) {
      return parquetReader(branch, bs.file().getPath(), context);
    }
    boolean csv = csv(branch.source());
    RecordReader inner = csv
        ? CsvInputFormat.reader(((Source.TableScan) branch.source()).table().fieldDelimiter())
        : format(branch.source()).createRecordReader(bs.file(), context);
    String file = bs.file().getPath().toString();
    return new RecordReader<Writable, Writable>() {
      public void initialize(InputSplit s, TaskAttemptContext c)
          throws IOException, InterruptedException {
        FileSplit f = ((BranchSplit) s).file();
        try {
          inner.initialize(csv ? new CombineFileSplit(new Path[] {f.getPath()},
              new long[] {f.getStart()}, new long[] {f.getLength()}, new String[0]) : f, c);
        } catch (IOException e) { // a truncated .gz, an unreadable file: named
          throw io.drover.common.run.BadInputException.reading(file, e);
        }
      }

      public boolean nextKeyValue() throws IOException, InterruptedException {
        try {
          return inner.nextKeyValue();
        } catch (IOException e) {
          throw io.drover.common.run.BadInputException.reading(file, e);
        }
      }

      public Writable getCurrentKey() throws IOException, InterruptedException {
        return (Writable) inner.getCurrentKey();
      }

      public Writable getCurrentValue() throws IOException, InterruptedException {
        return (Writable) inner.getCurrentValue();
      }

      public float getProgress() throws IOException, InterruptedException {
        return inner.getProgress();
      }

      public void close() throws IOException {
        inner.close();
      }
    };
  }

  /**
   * A Parquet table's split through parquet-hadoop's own reader (the row groups whose middle is
   * in the split; those the branch's pushed-down filter rules out by their statistics skipped),
   * each row in a {@link RowHolder}.
   */
  private static RecordReader<Writable, Writable> parquetReader(Branch branch, Path file,
      TaskAttemptContext context) {
    Source.TableScan scan = (Source.TableScan) branch.source();
    RowHolder value = new RowHolder();
    Counter rows = context.getCounter(SqlCounters.PARQUET_ROWS);
    return new RecordReader<Writable, Writable>() {
      private ParquetRecordReader<Object[]> inner;

      public void initialize(InputSplit s, TaskAttemptContext c)
          throws IOException, InterruptedException {
        Configuration conf = c.getConfiguration();
        FilterPredicate filter = null;
        try {
          if (conf.getBoolean(SqlConf.PARQUET_PUSHDOWN, true) && ParquetFilters.hasFilter(branch)) {
            // the predicate names the file's columns as the file spells them
            MessageType schema = ParquetFileReader.readFooter(conf, file,
                ParquetMetadataConverter.SKIP_ROW_GROUPS).getFileMetaData().getSchema();
            filter = ParquetFilters.predicate(branch, schema);
          }
          inner = new ParquetRecordReader<>(new ParquetRows(scan.columns(), file.toString()));
          // parquet-hadoop takes the row-group filter from the configuration, not the reader
          Configuration withFilter = new Configuration(conf);
          if (filter != null) {
            ParquetInputFormat.setFilterPredicate(withFilter, filter);
          }
          inner.initialize(((BranchSplit) s).file(), withFilter, Reporter.NULL);
        } catch (IOException | RuntimeException | LinkageError e) {
          IOException z = ParquetRows.zstdMissing(file.toString(), e);
          if (z != null) {
            throw z;
          }
          throw e;
        }
      }

      public boolean nextKeyValue() throws IOException, InterruptedException {
        try {
          if (!inner.nextKeyValue()) {
            return false;
          }
        } catch (IOException | RuntimeException | LinkageError e) {
          IOException z = ParquetRows.zstdMissing(file.toString(), e);
          if (z != null) {
            throw z;
          }
          throw e;
        }
        value.row = inner.getCurrentValue();
        rows.increment(1);
        return true;
      }

      public Writable getCurrentKey() {
        return NullWritable.get();
      }

      public Writable getCurrentValue() {
        return value;
      }

      public float getProgress() throws IOException, InterruptedException {
        return inner.getProgress();
      }

      public void close() throws IOException {
        if (inner != null) {
          inner.close();
        }
      }
    };
  }
}
