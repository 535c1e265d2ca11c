package io.drover.jobs.gd.mr;

import io.drover.common.iterate.CheckpointStore;
import io.drover.jobs.gd.data.TrainingRecords;
import io.drover.jobs.gd.model.GradientSum;
import io.drover.jobs.gd.model.LocalSgd;
import io.drover.jobs.gd.model.Loss;
import io.drover.jobs.gd.model.Multinomial;
import io.drover.jobs.gd.model.PartialSum;
import io.drover.jobs.gd.model.Sampling;
import io.drover.jobs.gd.model.SoftmaxSum;
import io.drover.jobs.gd.model.Standardization;
import io.drover.jobs.gd.model.Update;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads the current state and its whole chunk file in bulk (no per-record framework calls), sums
 * gradient and loss in memory (batch; minibatch: the gradient over a seeded Bernoulli sample, the
 * loss over the whole chunk, so that losses compare across iterations), or runs one
 * seeded, shuffled local SGD epoch (average: the partial holds the weights times the record count),
 * and writes one partial keyed by the chunk's name, so the reducer sums partials in a fixed order
 * whatever order the tasks finish in.
 */
public class GradientMapper extends Mapper<NullWritable, NullWritable, Text, PartialWritable> {
  /** Counters of the gradient job. */
  public enum Counters {
    RECORDS,
    /** Time the tasks spent reading their chunk and computing, in microseconds (summed). */
    TASK_MICROS
  }

  @Override
  public void run(Context ctx) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Configuration conf = ctx.getConfiguration();
    FileSplit split = (FileSplit) ctx.getInputSplit();
    double[] state = readState(conf, conf.get(GdKeys.STATE));
    int classes = conf.getStrings(GdKeys.CLASSES, new String[0]).length;
    Standardization std =
        standardization(conf, (classes == 0 ? state.length : state.length / classes) - 1);
    String chunk = split.getPath().getName();
    ByteBuffer buf = ByteBuffer.wrap(readFully(conf, split.getPath()));
    boolean logistic = loss(conf).classifies();
    double positive = conf.getDouble(GdKeys.POSITIVE, 1);
    if (conf.getInt(GdKeys.FAIL_FIRST_ATTEMPT, -1) == conf.getInt(GdKeys.ITERATION, 0)
        && ctx.getTaskAttemptID().getId() == 0) {
      throw new IOException(
          "failure injected by " + GdKeys.FAIL_FIRST_ATTEMPT + " in " + ctx.getTaskAttemptID());
    }
    String mode = conf.get(GdKeys.MODE, "batch");
    int iteration = conf.getInt(GdKeys.ITERATION, 0);
    long seed = conf.getLong(GdKeys.SEED, 0);
    PartialWritable partial;
    if (mode.equals("average")) {
      LocalSgd sgd =
          new LocalSgd(
              loss(conf),
              state,
              std,
              conf.getDouble(GdKeys.SGD_STEP, 0),
              new Update(
                  conf.getDouble(GdKeys.L1, 0),
                  conf.getDouble(GdKeys.L2, 0),
                  conf.getBoolean(GdKeys.INTERCEPT, true)));
      List<Integer> offsets = new ArrayList<>();
      TrainingRecords.offsets(buf.duplicate(), offsets);
      int[] order = Sampling.permutation(offsets.size(), Sampling.random(seed, iteration, chunk));
      for (int k : order) {
        ByteBuffer one = buf.duplicate();
        one.position(offsets.get(k));
        TrainingRecords.forOne(
            one,
            (y, nnz, idx, val) -> sgd.add(logistic ? (y == positive ? 1 : -1) : y, nnz, idx, val));
      }
      double[] w = sgd.weights();
      for (int j = 0; j < w.length; j++) {
        w[j] *= sgd.count();
      }
      partial = new PartialWritable(sgd.count(), sgd.lossSum(), w);
    } else {
      SplittableRandom rng =
          mode.equals("minibatch") ? Sampling.random(seed, iteration, chunk) : null;
      double fraction = conf.getDouble(GdKeys.FRACTION, 1);
      PartialSum sum;
      boolean signs; // binary logistic labels as -1/+1; a multinomial label is its class code
      if (conf.get(GdKeys.CLASSES) != null) {
        double[] codes = classCodes(conf);
        Multinomial shape = new Multinomial(codes.length, state.length / codes.length - 1);
        sum = new SoftmaxSum(shape, codes, shape.effective(std, state));
        signs = false;
      } else {
        sum = new GradientSum(loss(conf), std.effective(state));
        signs = logistic;
      }
      sumChunk(
          buf,
          rng,
          fraction,
          (y, nnz, idx, val) -> sum.add(signs ? (y == positive ? 1 : -1) : y, nnz, idx, val),
          (y, nnz, idx, val) -> sum.addLoss(signs ? (y == positive ? 1 : -1) : y, nnz, idx, val));
      partial = new PartialWritable(sum);
    }
    ctx.getCounter(Counters.RECORDS).increment(partial.count());
    ctx.getCounter(Counters.TASK_MICROS).increment((System.nanoTime() - t0) / 1000);
    ctx.write(new Text(chunk), partial);
  }

  /**
   * Batch ({@code rng} null): every record's gradient; minibatch: the gradient of a seeded
   * Bernoulli sample of {@code fraction}, and the loss of every other record (the whole chunk's
   * loss, comparable across iterations as the sample's is not).
   */
  static void sumChunk(
      ByteBuffer buf,
      SplittableRandom rng,
      double fraction,
      TrainingRecords.Visitor add,
      TrainingRecords.Visitor addLoss) {
    TrainingRecords.forEach(
        buf,
        (y, nnz, idx, val) -> {
          if (rng == null || rng.nextDouble() < fraction) {
            add.record(y, nnz, idx, val);
          } else {
            addLoss.record(y, nnz, idx, val);
          }
        });
  }

  /** The class codes of a multinomial job ({@link GdKeys#CLASSES}), in class order. */
  public static double[] classCodes(Configuration conf) {
    return java.util.Arrays.stream(conf.getStrings(GdKeys.CLASSES))
        .mapToDouble(Double::parseDouble)
        .toArray();
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
  public static byte[] readFully(Configuration conf, Path p) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    long len = fs.getFileStatus(p).getLen();
    if (len > Integer.MAX_VALUE - 8) {
      throw new IOException(
          p + " is over 2 GB; rebuild the training set with a smaller " + GdKeys.CHUNK_BYTES);
    }
    byte[] b = new byte[(int) len];
    try (FSDataInputStream in = fs.open(p)) {
      in.readFully(0, b);
    }
    return b;
  }
}
