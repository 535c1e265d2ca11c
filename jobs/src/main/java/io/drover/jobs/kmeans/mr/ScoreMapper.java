package io.drover.jobs.kmeans.mr;

import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.gd.data.CsvHeader;
import io.drover.jobs.gd.data.CsvParser;
import io.drover.jobs.gd.data.Encoding;
import io.drover.jobs.gd.data.Example;
import io.drover.jobs.gd.data.LibsvmParser;
import io.drover.jobs.gd.data.RecordParser;
import io.drover.jobs.gd.model.Standardization;
import io.drover.jobs.gd.mr.CsvFiles;
import io.drover.jobs.gd.mr.GdKeys;
import io.drover.jobs.gd.mr.ParseMapper;
import io.drover.jobs.gd.mr.ScoringMapper;
import io.drover.jobs.kmeans.model.Centers;
import io.drover.jobs.kmeans.model.ClusterSums;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * kmeans-predict and kmeans-evaluate: one whole input file per task, read as training reads it
 * (LIBSVM lines, or CSV records by the model's feature names), each point to its nearest center.
 * Predict writes {@code cluster<TAB>squared distance} per record into {@code part-FFFFF} (F the
 * file's number in input order), so the part files in name order follow the input. Evaluate sums
 * per center ({@link ClusterSums}) and writes one partial per center keyed (center, file), which
 * the reducers or the driver add up as kmeans' ({@link KMeansJobs#collect}). A bad record fails
 * the task, naming file and line.
 */
public class ScoreMapper extends Mapper<LongWritable, Text, Text, ClusterWritable> {
  /** Set: evaluate (sums per center); unset: predict (a line per record). */
  public static final String EVALUATE = "drover.kmeans.evaluate";

  /** csv or libsvm. */
  public static final String FORMAT = "drover.kmeans.format";

  /** CSV: the model's feature columns, comma-separated. */
  public static final String FEATURES = "drover.kmeans.features";

  /**
   * CSV: per feature column, comma-separated, the value that replaces a missing one ({@code ?} or
   * empty); unset: a missing value is refused as not a number (a model from before imputation).
   */
  public static final String IMPUTE = "drover.kmeans.impute";

  @Override
  public void run(Context ctx) throws IOException, InterruptedException {
    Configuration conf = ctx.getConfiguration();
    KMeansJobs.Task task = KMeansJobs.task(conf);
    Centers centers = task.centers();
    Standardization std = task.standardization();
    int d = centers.dimension();
    Path file = ((FileSplit) ctx.getInputSplit()).getPath();
    FileSystem fs = file.getFileSystem(conf);
    String qualified = fs.makeQualified(file).toString();
    int index = Arrays.asList(conf.getStrings(GdKeys.FILES, new String[0])).indexOf(qualified);
    if (index < 0) {
      throw new IOException("input " + qualified + " is not among " + GdKeys.FILES);
    }
    boolean csv = "csv".equals(conf.get(FORMAT));
    List<String> features = csv ? Arrays.asList(conf.get(FEATURES).split(",")) : null;
    Encoding enc =
        csv && conf.get(IMPUTE) != null
            ? Encoding.numeric(
                features,
                Arrays.stream(conf.get(IMPUTE).split(",")).mapToDouble(Double::parseDouble)
                    .toArray())
            : null;
    boolean evaluate = conf.getBoolean(EVALUATE, false);
    CsvHeader header = CsvHeader.of(conf.get(ScoringMapper.HEADER));
    ClusterSums sums = new ClusterSums(centers.k(), d);
    double[] x = new double[d];
    Writer out =
        evaluate
            ? null
            : new BufferedWriter(
                new OutputStreamWriter(
                    fs.create(
                        new Path(
                            FileOutputFormat.getWorkOutputPath(ctx),
                            String.format("part-%05d", index)),
                        false),
                    StandardCharsets.UTF_8),
                1 << 16);
    try (InputStream in = CsvFiles.open(conf, file)) {
      ParseMapper.Records records = csv ? ParseMapper.csvRecords(conf, in) : ParseMapper.lines(in);
      RecordParser parser = csv ? null : new LibsvmParser();
      boolean skip = csv && header == CsvHeader.IGNORE;
      String record;
      while ((record = records.next()) != null) {
        long line = records.line();
        Example e;
        try {
          records.check();
          if (skip) {
            skip = false; // --ignore-header: the first line, whatever it holds
            continue;
          }
          if (parser == null && header != CsvHeader.FIRST) {
            if (RecordParser.clean(record).isBlank()) {
              continue;
            }
            parser = CsvParser.fromHeader(CsvHeader.namesFor(record), null, features)
                .headerless(true)
                .categorical(enc != null);
          }
          if (parser == null) {
            parser = CsvParser.fromHeader(record, null, features).categorical(enc != null);
            continue;
          }
          e = parser.parse(record);
          if (e != null && enc != null) {
            e = enc.encode(e, ((CsvParser) parser).lastTexts());
          }
        } catch (BadRecordException ex) {
          throw new IOException(qualified + " line " + line + ": " + ex.getMessage());
        }
        if (e == null) {
          continue;
        }
        int[] idx = e.indices();
        if (idx.length > 0 && idx[idx.length - 1] >= d) {
          throw new IOException(
              qualified
                  + " line "
                  + line
                  + ": feature index "
                  + (idx[idx.length - 1] + 1)
                  + " is beyond the model's "
                  + d
                  + " features");
        }
        KMeansJobs.dense(idx.length, idx, e.values(), x);
        std.standardize(x);
        if (evaluate) {
          sums.add(centers, x);
        } else {
          int c = centers.nearest(x);
          out.write(c + "\t" + centers.distance2(c, x) + "\n");
        }
      }
    } finally {
      if (out != null) {
        out.close();
      }
    }
    if (evaluate) {
      String part = String.format("file-%05d", index);
      for (int c = 0; c < centers.k(); c++) {
        if (sums.count(c) > 0) {
          ctx.write(
              KMeansJobs.key(c, part),
              new ClusterWritable(sums.count(c), sums.cost(c), sums.sum(c)));
        }
      }
    }
  }
}
