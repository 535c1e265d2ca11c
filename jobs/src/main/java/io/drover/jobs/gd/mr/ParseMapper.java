package io.drover.jobs.gd.mr;

import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.input.CsvRecords;
import io.drover.jobs.gd.data.CsvHeader;
import io.drover.jobs.gd.data.CsvParser;
import io.drover.jobs.gd.data.Example;
import io.drover.jobs.gd.data.LibsvmParser;
import io.drover.jobs.gd.data.ParseSummary;
import io.drover.jobs.gd.data.RecordParser;
import io.drover.jobs.gd.data.TrainingRecords;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The parsing pass: one whole input file per task, read record by record (LIBSVM: lines; CSV: the
 * records of the one CSV reader, which may span lines) with its own line count (so errors name
 * file and line), written as binary chunks {@code part-FFFFF-CCCC.bin} (F the file's
 * number, C the chunk) beside the job output, and summarized ({@link ParseSummary}) into one value
 * keyed by the file's number. Stops at the file's first bad line and reports it.
 */
public class ParseMapper extends Mapper<LongWritable, Text, IntWritable, SummaryWritable> {
  /** Counters of the parsing job. */
  public enum Counters {
    RECORDS,
    BAD_FILES
  }

  @Override
  public void run(Context ctx) throws IOException, InterruptedException {
    Configuration conf = ctx.getConfiguration();
    Path file = ((FileSplit) ctx.getInputSplit()).getPath();
    FileSystem fs = file.getFileSystem(conf);
    String qualified = fs.makeQualified(file).toString();
    List<String> files = Arrays.asList(conf.getStrings(GdKeys.FILES, new String[0]));
    int index = files.indexOf(qualified);
    if (index < 0) {
      throw new IOException("input " + qualified + " is not among " + GdKeys.FILES);
    }
    boolean csv = "csv".equals(conf.get(GdKeys.FORMAT, "libsvm"));
    String featureList = conf.get(GdKeys.FEATURES);
    List<String> features = featureList == null ? null : Arrays.asList(featureList.split(","));
    boolean categorical = csv && conf.getInt(GdKeys.MAX_CATEGORIES, 0) != 0;
    long chunkBytes = conf.getLong(GdKeys.CHUNK_BYTES, GdKeys.CHUNK_BYTES_DEFAULT);
    Path outDir = FileOutputFormat.getWorkOutputPath(ctx);

    ParseSummary summary = new ParseSummary();
    try (InputStream in = CsvFiles.open(conf, file)) {
      Records records = csv ? csvRecords(conf, in) : lines(in);
      RecordParser parser = csv ? null : new LibsvmParser();
      DataOutputStream out = null;
      long written = 0;
      int chunk = 0;
      String record;
      CsvHeader header = CsvHeader.of(conf.get(GdKeys.HEADER));
      boolean skipped = false;
      try {
        while ((record = records.next()) != null) {
          long lineNo = records.line();
          try {
            records.check();
            if (parser == null) {
              if (header == CsvHeader.IGNORE && !skipped) {
                skipped = true;
                continue;
              }
              if (header != CsvHeader.FIRST && RecordParser.clean(record).isBlank()) {
                continue;
              }
              parser =
                  CsvParser.fromHeader(
                          header == CsvHeader.FIRST ? record : CsvHeader.namesFor(record),
                          conf.get(GdKeys.LABEL),
                          features)
                      .textLabels(conf.getBoolean(GdKeys.TEXT_LABELS, false))
                      .headerless(header != CsvHeader.FIRST)
                      .categorical(categorical)
                      .hashing(conf.getInt(GdKeys.HASH_FEATURES, 0));
              summary.grow(parser.dimension());
              if (categorical) {
                summary.columns(List.of(parser.featureNames()));
              }
              if (header == CsvHeader.FIRST) {
                continue;
              }
            }
            Example e = parser.parse(record);
            if (e == null) {
              continue;
            }
            if (out == null || written >= chunkBytes) {
              if (out != null) {
                out.close();
                chunk++;
              }
              out =
                  new DataOutputStream(
                      new java.io.BufferedOutputStream(
                          fs.create(
                              new Path(outDir, String.format("part-%05d-%04d.bin", index, chunk)),
                              false),
                          1 << 16));
              written = 0;
            }
            TrainingRecords.write(out, e);
            written += TrainingRecords.size(e);
            summary.add(e, index, lineNo, parser.labelText());
            if (categorical) {
              summary.addColumns(e, ((CsvParser) parser).lastTexts(), index, lineNo);
            }
          } catch (BadRecordException e) {
            summary.fail(new ParseSummary.Error(index, qualified, lineNo, e.getMessage()));
            ctx.getCounter(Counters.BAD_FILES).increment(1);
            break;
          }
        }
      } finally {
        if (out != null) {
          out.close();
        }
      }
      if (csv && parser == null && summary.error() == null) {
        summary.fail(new ParseSummary.Error(index, qualified, 1,
            header == CsvHeader.FIRST ? "empty CSV file: no header line"
                : "empty CSV file: no records"));
      }
    }
    ctx.getCounter(Counters.RECORDS).increment(summary.records());
    ctx.write(new IntWritable(index), new SummaryWritable(summary));
  }

  /** The records of a file in order, each with the 1-based line it starts on. */
  public interface Records {
    /** The next record, or null at the end. */
    String next() throws IOException;

    /** Throws when the record last returned is bad whatever its text (CSV: cut too long). */
    default void check() throws BadRecordException {}

    /** The line the record last returned starts on. */
    long line();
  }

  /** LIBSVM: one record per line. */
  public static Records lines(InputStream in) {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    return new Records() {
      long line;

      @Override
      public String next() throws IOException {
        String s = r.readLine();
        line++;
        return s;
      }

      @Override
      public long line() {
        return line;
      }
    };
  }

  /** CSV: the records of the one CSV reader; a quoted field may hold line breaks. */
  public static Records csvRecords(Configuration conf, InputStream in) {
    CsvRecords r = CsvFiles.records(conf, in);
    return new Records() {
      long line;
      long nextLine = 1;

      @Override
      public String next() throws IOException {
        if (!r.next()) {
          return null;
        }
        line = nextLine;
        nextLine += CsvParser.lineBreaks(r.buffer(), r.offset(), r.length()) + 1;
        return CsvFiles.text(r);
      }

      @Override
      public void check() throws BadRecordException {
        if (r.wasCut()) {
          throw new BadRecordException(BadRecordException.Reason.RECORD_TOO_LONG,
              "a record of " + r.length() + " bytes or more (an unclosed quote?); -D "
                  + io.drover.jobs.aggregate.mr.AggregateConf.CSV_MAX_RECORD_BYTES
                  + " raises the limit");
        }
      }

      @Override
      public long line() {
        return line;
      }
    };
  }
}
