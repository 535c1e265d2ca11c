package io.drover.jobs.sql.mr;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.sql.exec.Chain;
import io.drover.jobs.sql.exec.JoinMemory;
import io.drover.jobs.sql.exec.RowSink;
import io.drover.jobs.sql.exec.SourceReader;
import io.drover.jobs.sql.exec.TextRows;
import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.PhysicalPlan;
import io.drover.jobs.sql.physical.Source;
import io.drover.jobs.sql.physical.Stage;
import io.drover.jobs.sql.runtime.RowCodec;
import io.drover.common.run.BadInputException;
import io.drover.jobs.aggregate.input.CsvRecords;
import io.drover.jobs.aggregate.mr.AggregateConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.util.LineReader;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;

/** What map and reduce tasks of a SQL stage share: the plan, the output, broadcast reading. */
final class StageTask {
  private StageTask() {}

  /** Thrown through row sinks to carry a task's IOException or interrupt out of them. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(Exception cause) {
      super(cause);
    }
  }

  /** The task's join memory, named by the key that raises it. */
  static JoinMemory memory(Configuration conf) {
    return new JoinMemory(SqlConf.joinMemory(conf), SqlConf.JOIN_MEMORY);
  }

  /** A sink writing the stage's output rows: result text or binary rows. */
  static RowSink output(Configuration conf, PhysicalPlan plan, Stage stage,
      TaskInputOutputContext<?, ?, Writable, Writable> context) {
    List<Field> schema = stage.schema();
    boolean last = conf.getBoolean(SqlConf.FINAL, false);
    if (last) {
      ResultFormat format = ResultFormat.named(conf.get(SqlConf.OUTPUT_FORMAT, "tsv"));
      if (format == ResultFormat.PARQUET) {
        RowHolder holder = new RowHolder();
        return row -> {
          holder.row = row;
          write(context, null, holder); // ParquetOutputFormat's key is Void
        };
      }
      List<DataType> types = schema.stream().map(Field::type).toList();
      List<String> names = schema.stream().map(Field::name).toList();
      Text line = new Text();
      return row -> {
        line.set(format.format(row, names, types));
        write(context, NullWritable.get(), line);
      };
    }
    RowCodec codec = new RowCodec(schema.stream().map(Field::type).toList());
    BytesKey value = new BytesKey();
    return row -> {
      byte[] b = codec.encode(row);
      value.set(b, 0, b.length);
      write(context, NullWritable.get(), value);
    };
  }

  static void write(TaskInputOutputContext<?, ?, Writable, Writable> context, Writable k,
      Writable v) {
    try {
      context.write(k, v);
    } catch (IOException e) {
      throw new Failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(e);
    }
  }

  /**
   * Reads a broadcast side's source from the job's file system, whole (a Parquet table's row
   * groups that the branch's first filter rules out skipped).
   */
  static SourceReader reader(Configuration conf) {
    return reader(conf, n -> { });
  }

  static SourceReader reader(Configuration conf, java.util.function.LongConsumer badFields) {
    return reader(conf, badFields, null);
  }

  /**
   * {@code tally}: where the bad records of csv, tsv, jsonl and apache sides go (null: a task that
   * does not count them, as another task of the stage does).
   */
  static SourceReader reader(Configuration conf, java.util.function.LongConsumer badFields,
      FormatScan.Tally tally) {
    return new SourceReader() {
      @Override
      public void read(Source source, RowSink sink) {
        read(new Branch(source, List.of()), sink);
      }

      @Override
      public void read(Branch branch, RowSink sink) {
        try {
          StageTask.read(conf, branch, sink, badFields,
              tally != null ? tally : new FormatScan.Tally(conf));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + branch.source() + ": " + e.getMessage(),
              e);
        }
      }
    };
  }

  private static void read(Configuration conf, Branch branch, RowSink sink,
      java.util.function.LongConsumer badFields, FormatScan.Tally tally) throws IOException {
    Source source = branch.source();
    List<FileStatus> all = new java.util.ArrayList<>();
    for (Path location : BranchInputFormat.locations(conf, source)) {
      Path dir = location;
      FileSystem fs = dir.getFileSystem(conf);
      String link = conf.get(SqlConf.BROADCAST_LINK + fs.makeQualified(dir));
      if (link != null) { // localized by the distributed cache into the task's working dir
        java.io.File local = new java.io.File(link);
        if (!local.exists()) {
          throw new IOException("the distributed cache did not localize " + dir + " as " + link);
        }
        fs = FileSystem.getLocal(conf);
        dir = new Path(local.getAbsoluteFile().toURI());
      }
      FileStatus top = fs.getFileStatus(dir);
      FileStatus[] files = top.isDirectory() ? fs.listStatus(dir, p -> {
        String n = p.getName();
        return !n.startsWith("_") && !n.startsWith(".");
      }) : new FileStatus[] {top};
      java.util.Arrays.sort(files);
      all.addAll(java.util.Arrays.asList(files));
    }
    FileStatus[] files = all.toArray(new FileStatus[0]);
    if (BranchInputFormat.parquet(source)) {
      List<io.drover.jobs.sql.catalog.Column> columns = ((Source.TableScan) source).columns();
      for (FileStatus f : files) {
        String name = f.getPath().toString();
        FilterPredicate filter = null;
        if (conf.getBoolean(SqlConf.PARQUET_PUSHDOWN, true) && ParquetFilters.hasFilter(branch)) {
          filter = ParquetFilters.predicate(branch, ParquetFileReader.readFooter(conf,
              f.getPath(), ParquetMetadataConverter.SKIP_ROW_GROUPS).getFileMetaData()
              .getSchema());
        }
        try (ParquetReader<Object[]> r = ParquetReader
            .builder(new ParquetRows(columns, name), f.getPath()).withConf(conf)
            .withFilter(filter == null ? FilterCompat.NOOP : FilterCompat.get(filter))
            .useRecordFilter(false).build()) {
          for (Object[] row = r.read(); row != null; row = r.read()) {
            sink.accept(row);
          }
        } catch (IOException | RuntimeException | LinkageError e) {
          IOException z = ParquetRows.zstdMissing(name, e);
          if (z != null) {
            throw z;
          }
          throw e;
        }
      }
      return;
    }
    if (BranchInputFormat.formatted(source)) {
      Source.TableScan t = (Source.TableScan) source;
      FormatScan scan = new FormatScan(conf, t.table(), t.columns(), tally);
      CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
      for (FileStatus f : files) {
        String name = f.getPath().toString();
        CompressionCodec codec = codecs.getCodec(f.getPath());
        try (InputStream raw = f.getPath().getFileSystem(conf).open(f.getPath());
            InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
          if (BranchInputFormat.csv(source)) {
            CsvRecords r = CsvRecords.fromStart(in, t.table().fieldDelimiter(),
                conf.getInt(AggregateConf.CSV_MAX_RECORD_BYTES,
                    AggregateConf.CSV_MAX_RECORD_BYTES_DEFAULT),
                conf.getInt(AggregateConf.CSV_BUFFER_BYTES,
                    AggregateConf.CSV_BUFFER_BYTES_DEFAULT));
            while (r.next()) {
              accept(sink, scan.row(name, r.start(), r.buffer(), r.offset(), r.length()));
            }
          } else {
            LineReader lines = new LineReader(in, conf);
            Text line = new Text();
            long offset = 0;
            for (int n; (n = lines.readLine(line)) > 0; offset += n) {
              accept(sink, scan.row(name, offset, line.getBytes(), 0, line.getLength()));
            }
          }
        } catch (IOException e) {
          throw BadInputException.reading(name, e);
        }
      }
      if (scan.badValues() > 0) {
        badFields.accept(scan.badValues());
      }
      return;
    }
    if (source instanceof Source.TableScan t) {
      TextRows rows = new TextRows(t.table(), t.columns());
      Text line = new Text();
      boolean header = t.table().headerLines() > 0;
      for (FileStatus f : files) {
        try (LineReader r = new LineReader(f.getPath().getFileSystem(conf).open(f.getPath()), conf)) {
          boolean first = true;
          while (r.readLine(line) > 0) {
            if (!(first && header)) {
              sink.accept(rows.parse(line.getBytes(), line.getLength()));
            }
            first = false;
          }
        }
      }
      if (rows.badValues() > 0) {
        badFields.accept(rows.badValues());
      }
      return;
    }
    RowCodec codec = new RowCodec(source.schema().stream().map(Field::type).toList());
    BytesKey value = new BytesKey();
    for (FileStatus f : files) {
      try (SequenceFile.Reader r =
          new SequenceFile.Reader(conf, SequenceFile.Reader.file(f.getPath()))) {
        NullWritable k = NullWritable.get();
        while (r.next(k, value)) {
          sink.accept(codec.decode(value.bytes(), 0, value.length()));
        }
      }
    }
  }

  private static void accept(RowSink sink, Object[] row) {
    if (row != null) { // null: a header or a bad record (counted)
      sink.accept(row);
    }
  }

  /** Builds the operator chain of a list of operators into {@code out}. */
  static RowSink chain(Configuration conf, List<Field> in,
      List<io.drover.jobs.sql.physical.Operator> ops, RowSink out) {
    return chain(conf, in, ops, out, n -> { });
  }

  /** {@code badFields}: told how many fields of the broadcast sides read did not convert. */
  static RowSink chain(Configuration conf, List<Field> in,
      List<io.drover.jobs.sql.physical.Operator> ops, RowSink out,
      java.util.function.LongConsumer badFields) {
    return chain(conf, in, ops, out, badFields, null);
  }

  /** {@code tally}: told of the broadcast sides' bad records (null: another task counts them). */
  static RowSink chain(Configuration conf, List<Field> in,
      List<io.drover.jobs.sql.physical.Operator> ops, RowSink out,
      java.util.function.LongConsumer badFields, FormatScan.Tally tally) {
    return Chain.build(in, ops, out, reader(conf, badFields, tally), memory(conf),
        SqlConf.zone(conf));
  }
}
