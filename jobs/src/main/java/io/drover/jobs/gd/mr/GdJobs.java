package io.drover.jobs.gd.mr;

import io.drover.common.iterate.KeyedPartials;
import io.drover.common.run.LeanFileOutputFormat;
import io.drover.common.run.LeanJobConf;
import io.drover.jobs.JobJar;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/** The gd family's two jobs, exactly as the tools submit them. */
public final class GdJobs {
  private GdJobs() {}

  /**
   * The parsing pass over {@code files} (qualified, in numbering order) into {@code dataDir}:
   * binary chunks and the summary ({@code part-r-00000}).
   */
  public static Job parseJob(
      Configuration base,
      List<Path> files,
      io.drover.jobs.gd.TrainingInput in,
      Path dataDir)
      throws IOException {
    Job job = Job.getInstance(new Configuration(base), "drover gd parse");
    JobJar.use(job);
    Configuration conf = job.getConfiguration();
    conf.set(GdKeys.FORMAT, in.format());
    if (in.label() != null) {
      conf.set(GdKeys.LABEL, in.label());
    }
    if (in.features() != null) {
      conf.set(GdKeys.FEATURES, String.join(",", in.features()));
    }
    conf.setBoolean(GdKeys.TEXT_LABELS, in.textLabels());
    conf.set(GdKeys.HEADER, in.header().word());
    conf.setInt(GdKeys.MAX_CATEGORIES, in.maxCategories());
    conf.setInt(GdKeys.HASH_FEATURES, in.hashFeatures());
    conf.setStrings(GdKeys.FILES, files.stream().map(Path::toString).toArray(String[]::new));
    job.setInputFormatClass(WholeFileInputFormat.class);
    FileInputFormat.setInputPaths(job, files.toArray(new Path[0]));
    job.setMapperClass(ParseMapper.class);
    job.setReducerClass(ParseReducer.class);
    job.setNumReduceTasks(1);
    job.setMapOutputKeyClass(IntWritable.class);
    job.setMapOutputValueClass(SummaryWritable.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(SummaryWritable.class);
    LeanFileOutputFormat.use(job, SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, dataDir);
    return job;
  }

  /**
   * The encoding of the parsing pass's raw chunks in {@code rawDir} (read by the encoding planned
   * from its summary with {@code maxCategories}, or hashing into {@code hashFeatures}) into
   * {@code dataDir}: the model's features, chunk for chunk, and the summary of their statistics
   * ({@code part-r-00000}).
   */
  public static Job encodeJob(
      Configuration base, Path rawDir, int maxCategories, int hashFeatures, Path dataDir)
      throws IOException {
    Job job = Job.getInstance(new Configuration(base), "drover gd encode");
    JobJar.use(job);
    Configuration conf = job.getConfiguration();
    conf.set(GdKeys.RAW, rawDir.toString());
    conf.setInt(GdKeys.MAX_CATEGORIES, maxCategories);
    conf.setInt(GdKeys.HASH_FEATURES, hashFeatures);
    job.setInputFormatClass(TrainingSetInputFormat.class);
    FileInputFormat.setInputPaths(job, rawDir);
    job.setMapperClass(EncodeMapper.class);
    job.setReducerClass(ParseReducer.class);
    job.setNumReduceTasks(1);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(SummaryWritable.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(SummaryWritable.class);
    LeanFileOutputFormat.use(job, SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, dataDir);
    return job;
  }

  /** Replaces {@code dir/part-r-00000} with the single value {@code value}, as a job writes it. */
  public static void writeSingle(Configuration conf, Path dir, SummaryWritable value)
      throws IOException {
    Path part = new Path(dir, "part-r-00000");
    FileSystem fs = part.getFileSystem(conf);
    fs.delete(part, false);
    try (SequenceFile.Writer w =
        SequenceFile.createWriter(
            conf,
            SequenceFile.Writer.file(fs.makeQualified(part)),
            SequenceFile.Writer.keyClass(NullWritable.class),
            SequenceFile.Writer.valueClass(SummaryWritable.class))) {
      w.append(NullWritable.get(), value);
    }
  }

  /**
   * One gradient pass over the training set in {@code dataDir} at the state in {@code stateFile}:
   * a map-only job ({@link KeyedPartials}), each task committing its chunk's partial keyed by the
   * chunk's name; {@link #readTotal} adds them up.
   */
  public static Job gradientJob(
      Configuration base, Path dataDir, Path stateFile, Path output, int iteration)
      throws IOException {
    Job job = Job.getInstance(LeanJobConf.of(base), "drover gd iteration " + iteration);
    JobJar.use(job);
    pollQuickly(job.getConfiguration());
    job.getConfiguration().set(GdKeys.STATE, stateFile.toString());
    job.setInputFormatClass(TrainingSetInputFormat.class);
    FileInputFormat.setInputPaths(job, dataDir);
    job.setMapperClass(GradientMapper.class);
    KeyedPartials.mapOnly(job, PartialWritable.class, output);
    return job;
  }

  /**
   * The total of the partials a {@link #gradientJob} committed to {@code dir}, added in the order
   * of their keys, the chunk names ({@link KeyedPartials#read}), so the bits do not depend on which
   * task finished first.
   */
  public static PartialWritable readTotal(Configuration conf, Path dir) throws IOException {
    PartialWritable total = new PartialWritable();
    for (PartialWritable v : KeyedPartials.read(conf, dir, PartialWritable::new).values()) {
      total.add(v);
    }
    return total;
  }

  static final String PROGRESS_POLL = "mapreduce.client.progressmonitor.pollinterval";

  /**
   * A job run with Hadoop's progress output ({@code -D drover.verbose=true}) notices its end only
   * at the progress poll, whose Hadoop default (1000 ms) rounds each sub-second iteration up to a
   * second. Lowered to 50 ms unless the user (or a site file) set it. In local mode Drover's own
   * watch ({@link io.drover.common.run.Jobs#POLL_MS}) looks every 2 ms instead of 10: a look is an
   * in-process call, and a job of one iteration takes ~50 ms, so the 5 ms it waited on average
   * for the end was a tenth of the iteration.
   */
  public static void pollQuickly(Configuration conf) {
    io.drover.common.run.Jobs.setDefault(conf, PROGRESS_POLL, "50");
    if (io.drover.common.run.InputPacking.isLocal(conf)) {
      io.drover.common.run.Jobs.setDefault(conf, io.drover.common.run.Jobs.POLL_MS, "2");
    }
  }

  /** The single value a one-reducer job wrote to {@code dir/part-r-00000}. */
  public static <V extends org.apache.hadoop.io.Writable> V readSingle(
      Configuration conf, Path dir, V value) throws IOException {
    Path part = new Path(dir, "part-r-00000");
    FileSystem fs = part.getFileSystem(conf);
    try (SequenceFile.Reader r =
        new SequenceFile.Reader(conf, SequenceFile.Reader.file(fs.makeQualified(part)))) {
      org.apache.hadoop.io.Writable key =
          (org.apache.hadoop.io.Writable)
              org.apache.hadoop.util.ReflectionUtils.newInstance(r.getKeyClass(), conf);
      if (!r.next(key, value)) {
        throw new IOException(part + " is empty");
      }
      return value;
    }
  }
}
