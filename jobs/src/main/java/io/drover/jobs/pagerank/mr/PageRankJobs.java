package io.drover.jobs.pagerank.mr;

import io.drover.common.run.LeanFileOutputFormat;
import io.drover.common.run.LeanJobConf;
import io.drover.jobs.JobJar;
import io.drover.jobs.gd.mr.GdJobs;
import io.drover.jobs.pagerank.model.StepStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * The pagerank jobs exactly as the tool submits them, their keys, and the reading of their {@code
 * _stats}. Both write text lines {@code vertex<TAB>rank[<TAB>dst]...} over as many reducers as
 * {@code mapreduce.job.reduces} says (default 1), plus one {@code _stats/part-r-NNNNN} line per
 * reducer (hidden from the next job's input by its leading underscore).
 */
public final class PageRankJobs {
  private PageRankJobs() {}

  /** The number of vertices N. */
  public static final String VERTICES = "drover.pagerank.vertices";

  /** The damping factor d. */
  public static final String DAMPING = "drover.pagerank.damping";

  /** The rank held by dangling vertices in the state the step starts from (Double.toString). */
  public static final String DANGLING_MASS = "drover.pagerank.dangling.mass";

  /**
   * Whether the rank jobs sum the shares per destination in a combiner (default true; false ships
   * every share, as before the combiner: the ranks are the same bits either way).
   */
  public static final String COMBINER = "drover.pagerank.combiner";

  static final String STATS_OUTPUT = "stats";
  static final String STATS_BASE = "_stats/part";

  /** The stats dir of a job's output. */
  public static final String STATS_DIR = "_stats";

  /** The key of bad-line reports in the build job (no vertex has an empty name). */
  static final Text BAD_KEY = new Text();

  /** Counters of the build job. */
  public enum Counters {
    BAD_LINES
  }

  static long vertices(Configuration c) {
    return c.getLong(VERTICES, 0);
  }

  static double damping(Configuration c) {
    return Double.parseDouble(c.get(DAMPING, "0.85"));
  }

  static double danglingMass(Configuration c) {
    return Double.parseDouble(c.get(DANGLING_MASS, "0"));
  }

  private static Job base(Configuration conf, String name, Path output) throws IOException {
    Job job = Job.getInstance(LeanJobConf.of(conf), name);
    JobJar.use(job);
    GdJobs.pollQuickly(job.getConfiguration());
    job.setInputFormatClass(TextInputFormat.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(Text.class);
    LeanFileOutputFormat.use(job, TextOutputFormat.class);
    MultipleOutputs.addNamedOutput(
        job, STATS_OUTPUT, TextOutputFormat.class, NullWritable.class, Text.class);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  /** Edge list files to the initial rank dataset (ranks empty: 1/N) in {@code output}. */
  public static Job buildJob(Configuration conf, List<Path> files, Path output) throws IOException {
    Job job = base(conf, "drover pagerank graph", output);
    FileInputFormat.setInputPaths(job, files.toArray(new Path[0]));
    job.setMapperClass(BuildMapper.class);
    job.setReducerClass(BuildReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(Text.class);
    return job;
  }

  /** One power-iteration step from the rank dataset in {@code state} into {@code output}. */
  public static Job rankJob(
      Configuration conf,
      Path state,
      Path output,
      long vertices,
      double damping,
      double danglingMass,
      String what)
      throws IOException {
    Job job = base(conf, "drover pagerank " + what, output);
    Configuration c = job.getConfiguration();
    c.setLong(VERTICES, vertices);
    c.set(DAMPING, Double.toString(damping));
    c.set(DANGLING_MASS, Double.toString(danglingMass));
    FileInputFormat.setInputPaths(job, state);
    job.setMapperClass(RankMapper.class);
    if (c.getBoolean(COMBINER, true)) {
      job.setCombinerClass(RankCombiner.class);
    }
    job.setReducerClass(RankReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(RankMessage.class);
    return job;
  }

  /** The part files of a job's output, by name. */
  public static List<Path> parts(FileSystem fs, Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dir)) {
      if (st.isFile() && st.getPath().getName().startsWith("part-")) {
        out.add(st.getPath());
      }
    }
    out.sort(null);
    return out;
  }

  /** The sum of the {@code _stats} lines of a job's output. */
  public static StepStats stats(FileSystem fs, Path dir) throws IOException {
    Path stats = new Path(dir, STATS_DIR);
    if (!fs.exists(stats)) {
      throw new IOException("no " + STATS_DIR + " in " + dir);
    }
    StepStats s = StepStats.ZERO;
    for (Path p : parts(fs, stats)) {
      String text = read(fs, p);
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          s = s.plus(StepStats.parse(line, p.toString()));
        }
      }
    }
    return s;
  }

  /** A bad-line report of the build job: the file, the line number, what is wrong. */
  public record BadLine(String file, long line, String reason) implements Comparable<BadLine> {
    @Override
    public int compareTo(BadLine o) {
      int c = file.compareTo(o.file);
      return c != 0 ? c : Long.compare(line, o.line);
    }
  }

  /** The bad-line reports in the build job's output, first file and line first. */
  public static List<BadLine> badLines(FileSystem fs, Path dir) throws IOException {
    List<BadLine> out = new ArrayList<>();
    for (Path p : parts(fs, dir)) {
      try (InputStream in = fs.open(p)) {
        org.apache.hadoop.util.LineReader r = new org.apache.hadoop.util.LineReader(in);
        Text t = new Text();
        while (r.readLine(t) > 0) {
          if (t.getLength() > 0 && t.getBytes()[0] == '\t') {
            String[] f = t.toString().substring(1).split("\t", 3);
            out.add(new BadLine(f[0], Long.parseLong(f[1]), f[2]));
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  static String read(FileSystem fs, Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
