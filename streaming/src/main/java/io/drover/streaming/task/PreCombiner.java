package io.drover.streaming.task;

import io.drover.streaming.conf.StreamingKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.OutputCollector;
import org.apache.hadoop.mapred.Reporter;
import org.apache.hadoop.mapreduce.TaskCounter;

/**
 * The map side's pre-combine: the mapper command's pairs are grouped by key in memory
 * ({@link KeyGroups}: a hash probe per pair, a sort of the distinct keys only) and, when the
 * buffer is full or the task's input ends, piped through the combiner command in key order; what
 * the combiner prints goes on to Hadoop's map output buffer, which sorts and spills (and may
 * combine again) as usual. Hadoop allows a combiner to run any number of times on any subset of
 * a map task's output, so the job's result is the same; the sort then sees the combiner's few
 * pairs instead of every pair the mapper printed (a word count: 18 M pairs become 1.4 M).
 *
 * <p>Only used where it is exactly equivalent: a command combiner, a reduce phase, Text keys
 * ordered and grouped by their bytes (no custom comparator). Like Hive's map-side aggregation
 * ({@code hive.map.aggr.hash.min.reduction}), it turns itself off for the rest of the task when
 * a batch shrinks by less than half. Counters keep Hadoop's meaning: {@code Map output records}
 * counts the pairs the mapper printed; the combine counters count both combines.
 *
 * <p>When one batch held all of a task's pairs, what reaches Hadoop's buffer is already combined,
 * each key once: Hadoop's combine at the spill then passes the pairs on as they are ({@link
 * #combinedAll}, {@link StreamCombiner}) instead of starting the command again over them, as
 * Hadoop may (a combiner runs any number of times, zero included).
 */
final class PreCombiner implements OutputCollector<Text, Text> {
  private final JobConf job;
  private final String command;
  private final Child.Env env;
  private final OutputCollector<Text, Text> output;
  private final Reporter reporter;
  private final byte[] inputSeparator;
  private final byte[] outputSeparator;
  private final int keyFields;
  private final boolean nonZeroIsFailure;
  private final long budget;
  private final KeyGroups groups = new KeyGroups();
  private long groupBytes;
  private boolean off;
  private int batches;
  private final AtomicBoolean combinedAll;

  /**
   * By each task's JobConf (its spill's combiner is given the same instance): whether its
   * pre-combine combined all its pairs in one batch. Weak keys: an entry goes with its task, as
   * its value holds nothing that refers to the JobConf.
   */
  private static final Map<JobConf, AtomicBoolean> COMBINED_ALL =
      Collections.synchronizedMap(new WeakHashMap<>());

  private PreCombiner(JobConf job, Child.Env env,
      OutputCollector<Text, Text> output, Reporter reporter, long budget) {
    this.job = job;
    this.combinedAll = new AtomicBoolean();
    COMBINED_ALL.put(job, combinedAll);
    this.command = TaskSupport.command(job, StreamingKeys.COMBINE_COMMAND);
    this.env = env;
    this.output = output;
    this.reporter = reporter;
    this.inputSeparator = TaskSupport.bytes(job, StreamingKeys.REDUCE_INPUT_SEPARATOR);
    this.outputSeparator = TaskSupport.bytes(job, StreamingKeys.REDUCE_OUTPUT_SEPARATOR);
    this.keyFields =
        job.getInt(StreamingKeys.REDUCE_OUTPUT_KEY_FIELDS, StreamingKeys.KEY_FIELDS_DEFAULT);
    this.nonZeroIsFailure = job.getBoolean(StreamingKeys.NON_ZERO_EXIT_IS_FAILURE,
        StreamingKeys.NON_ZERO_EXIT_IS_FAILURE_DEFAULT);
    this.budget = budget;
  }

  /**
   * A pre-combiner in front of {@code output}, its command run with the task's environment
   * {@code env}, or null where it would not be equivalent.
   */
  static PreCombiner forTask(JobConf job, Map<String, String> env,
      OutputCollector<Text, Text> output, Reporter reporter) {
    long mb = job.getLong(StreamingKeys.PRECOMBINE_MB, StreamingKeys.PRECOMBINE_MB_DEFAULT);
    if (!applies(job) || mb <= 0) {
      return null;
    }
    return new PreCombiner(job, new Child.Env(env), output, reporter, mb << 20);
  }

  /**
   * True when the task whose configuration is {@code job} has ended its input and combined all its
   * pairs in one batch, so that every pair in its map output buffer came out of that combine.
   */
  static boolean combinedAll(JobConf job) {
    AtomicBoolean all = COMBINED_ALL.get(job);
    return all != null && all.get();
  }

  /** Pipes what is held through the combiner: the task's input has ended. */
  void finish() throws IOException {
    flush();
    combinedAll.set(!off && batches <= 1);
  }

  /** A command combiner, reduces, Text keys compared and grouped by their bytes. */
  static boolean applies(JobConf job) {
    return job.get(StreamingKeys.COMBINE_COMMAND) != null
        && job.getCombinerClass() == StreamCombiner.class
        && job.getNumReduceTasks() > 0
        && job.getMapOutputKeyClass() == Text.class
        && job.get("mapreduce.job.output.key.comparator.class") == null
        && job.get("mapreduce.job.combiner.group.comparator.class") == null;
  }

  @Override
  public void collect(Text key, Text value) throws IOException {
    if (off) {
      output.collect(key, value);
      return;
    }
    groups.add(key.getBytes(), 0, key.getLength(), value.getBytes(), 0, value.getLength());
    groupBytes += serialized(key.getLength()) + serialized(value.getLength());
    if (groups.bytesUsed() >= budget) {
      flush();
    }
  }

  private static void write(Pipe pipe, OutputStream stdin, byte[] b, int n) throws IOException {
    try {
      stdin.write(b, 0, n);
    } catch (IOException e) {
      throw pipe.writeFailed(e);
    }
  }

  private static int serialized(int length) {
    return WritableUtils.getVIntSize(length) + length;
  }

  /** Pipes what is held through the combiner. */
  private void flush() throws IOException {
    int in = groups.pairs();
    if (in == 0) {
      return;
    }
    batches++;
    long[] out = new long[2];
    Child.LineSink collect = TaskSupport.collector(outputSeparator, keyFields, (k, v) -> {
      out[0]++;
      out[1] += serialized(k.getLength()) + serialized(v.getLength());
      output.collect(k, v);
    });
    TaskSupport.ReporterFeedback fb = new TaskSupport.ReporterFeedback(reporter);
    Pipe pipe = Pipe.start("combine", job, command, env, collect, fb, null);
    boolean done = false;
    try {
      OutputStream stdin = pipe.stdin();
      byte[] sep = inputSeparator;
      byte[][] line = {new byte[1 << 16]};
      int[] fill = {0};
      groups.visit((kb, kOff, kLen, vb, vOff, vLen) -> {
        int n = kLen + sep.length + vLen + 1;
        if (fill[0] + n > line[0].length) {
          write(pipe, stdin, line[0], fill[0]);
          fill[0] = 0;
          if (n > line[0].length) {
            line[0] = new byte[n];
          }
        }
        byte[] b = line[0];
        int at = fill[0];
        System.arraycopy(kb, kOff, b, at, kLen);
        at += kLen;
        System.arraycopy(sep, 0, b, at, sep.length);
        at += sep.length;
        System.arraycopy(vb, vOff, b, at, vLen);
        at += vLen;
        b[at++] = '\n';
        fill[0] = at;
        pipe.fed();
      });
      write(pipe, stdin, line[0], fill[0]);
      pipe.finish(nonZeroIsFailure);
      done = true;
    } finally {
      if (!done) {
        pipe.abort();
      }
      TaskReports.leaveWarnings(job, "combine", fb);
    }
    // Map output records/bytes were counted by the buffer for the combiner's pairs: count the
    // mapper's instead, as without the pre-combine
    reporter.incrCounter(TaskCounter.MAP_OUTPUT_RECORDS, in - out[0]);
    reporter.incrCounter(TaskCounter.MAP_OUTPUT_BYTES, groupBytes - out[1]);
    reporter.incrCounter(TaskCounter.COMBINE_INPUT_RECORDS, in);
    reporter.incrCounter(TaskCounter.COMBINE_OUTPUT_RECORDS, out[0]);
    if (out[0] * 2 > in) {
      off = true; // the keys barely repeat: the sort and Hadoop's combiner do it alone
    }
    groups.clear();
    groupBytes = 0;
  }
}
