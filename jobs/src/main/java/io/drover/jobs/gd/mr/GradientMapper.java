package io.drover.jobs.gd.mr;

import io.drover.common.iterate.CheckpointStore;
import io.drover.jobs.gd.data.TrainingRecords;
import io.drover.jobs.gd.model.GradientSum;
import io.drover.jobs.gd.model.Loss;
import io.drover.jobs.gd.model.Standardization;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads the current state and its whole chunk file in bulk (no per-record framework calls),
 * sums gradient and loss in memory, and writes one partial keyed by the chunk's name, so the
 * reducer sums partials in a fixed order whatever order the tasks finish in.
 */
public class GradientMapper extends Mapper<NullWritable, NullWritable, Text, PartialWritable> {
  /** Counters of the gradient job. */
  public enum Counters {
    RECORDS
  }

  @Override
  public void run(Context ctx) throws IOException, InterruptedException {
    Configuration conf = ctx.getConfiguration();
    FileSplit split = (FileSplit) ctx.getInputSplit();
    double[] state = readState(conf, conf.get(GdKeys.STATE));
    GradientSum sum = new GradientSum(loss(conf), standardization(conf, state.length - 1).effective(state));
    ByteBuffer buf = ByteBuffer.wrap(readFully(conf, split.getPath()));
    if (loss(conf) == Loss.LOGISTIC) {
      double positive = conf.getDouble(GdKeys.POSITIVE, 1);
      TrainingRecords.forEach(buf, (y, nnz, idx, val) -> sum.add(y == positive ? 1 : -1, nnz, idx, val));
    } else {
      TrainingRecords.forEach(buf, sum::add);
    }
    ctx.getCounter(Counters.RECORDS).increment(sum.count());
    ctx.write(new Text(split.getPath().getName()),
        new PartialWritable(sum.count(), sum.lossSum(), sum.gradient()));
  }

  static Loss loss(Configuration conf) {
    return Loss.valueOf(conf.get(GdKeys.LOSS, "logistic").toUpperCase(java.util.Locale.ROOT));
  }

  static double[] readState(Configuration conf, String file) throws IOException {
    if (file == null) {
      throw new IOException(GdKeys.STATE + " is not set");
    }
    Path p = new Path(file);
    return CheckpointStore.readState(p.getFileSystem(conf), p);
  }

  /** The job's standardization: from the scaling file when set, else the identity. */
  public static Standardization standardization(Configuration conf, int dim) throws IOException {
    String file = conf.get(GdKeys.SCALING);
    if (file == null) {
      return Standardization.identity(dim);
    }
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(conf);
    try (FSDataInputStream in = fs.open(p)) {
      double[] mean = CheckpointStore.readState(in, file);
      double[] std = CheckpointStore.readState(in, file);
      return Standardization.of(mean, std, conf.getBoolean(GdKeys.CENTER, true));
    }
  }

  /** The whole chunk file (its split is always the whole file). */
  static byte[] readFully(Configuration conf, Path p) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    long len = fs.getFileStatus(p).getLen();
    if (len > Integer.MAX_VALUE - 8) {
      throw new IOException(p + " is over 2 GB; rebuild the training set with a smaller " + GdKeys.CHUNK_BYTES);
    }
    byte[] b = new byte[(int) len];
    try (FSDataInputStream in = fs.open(p)) {
      in.readFully(0, b);
    }
    return b;
  }
}
