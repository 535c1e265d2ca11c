package io.drover.jobs.gd.mr;

import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.gd.data.Encoding;
import io.drover.jobs.gd.data.Example;
import io.drover.jobs.gd.data.ParseSummary;
import io.drover.jobs.gd.data.TrainingRecords;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The encoding of a training set with categorical columns or missing values: reads one raw chunk
 * of the parsing pass in bulk, writes the chunk of the same name with each record's model
 * features ({@link Encoding}, planned from the parsing pass's summary exactly as the client plans
 * it), and the feature statistics of what it wrote, keyed by the chunk.
 */
public class EncodeMapper extends Mapper<NullWritable, NullWritable, Text, SummaryWritable> {
  @Override
  public void run(Context ctx) throws IOException, InterruptedException {
    Configuration conf = ctx.getConfiguration();
    Path raw = new Path(conf.get(GdKeys.RAW));
    ParseSummary parsed = GdJobs.readSingle(conf, raw, new SummaryWritable()).get();
    Encoding enc =
        Encoding.plan(
            parsed,
            conf.getInt(GdKeys.MAX_CATEGORIES, 0),
            conf.getInt(GdKeys.HASH_FEATURES, 0),
            i -> "input " + i);
    Path chunk = ((FileSplit) ctx.getInputSplit()).getPath();
    ByteBuffer buf = ByteBuffer.wrap(GradientMapper.readFully(conf, chunk));
    Path file = new Path(FileOutputFormat.getWorkOutputPath(ctx), chunk.getName());
    FileSystem fs = file.getFileSystem(conf);
    ParseSummary stats = new ParseSummary();
    stats.grow(enc.dimension());
    IOException[] failed = new IOException[1];
    try (DataOutputStream out =
        new DataOutputStream(new java.io.BufferedOutputStream(fs.create(file, false), 1 << 16))) {
      TrainingRecords.forEach(
          buf,
          (y, nnz, idx, val) -> {
            if (failed[0] != null) {
              return;
            }
            try {
              Example e =
                  enc.encode(
                      new Example(
                          y,
                          java.util.Arrays.copyOf(idx, nnz),
                          java.util.Arrays.copyOf(val, nnz)),
                      null);
              TrainingRecords.write(out, e);
              stats.add(e, 0, 0);
            } catch (IOException | BadRecordException ex) {
              failed[0] = new IOException(chunk + ": " + ex.getMessage(), ex);
            }
          });
    }
    if (failed[0] != null) {
      throw failed[0];
    }
    ctx.write(new Text(chunk.getName()), new SummaryWritable(stats));
  }
}
