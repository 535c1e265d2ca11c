package io.drover.streaming;

import io.drover.common.run.InputPacking;
import io.drover.streaming.conf.StreamingKeys;
import io.drover.streaming.protocol.ExitStatus;
import io.drover.streaming.task.Child;
import io.drover.streaming.task.TaskSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.RawComparator;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.Partitioner;
import org.apache.hadoop.util.LineReader;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * {@code -dryrun N}: pipes the first N input lines through the job's commands on this machine,
 * map | partition and sort (with the job's partitioner and key comparator) | combine | reduce,
 * and prints what each stage produced, its counters and stderr. Warns when the combiner emits a
 * key it was not given, which silently breaks results on a real job. Submits nothing.
 */
final class DryRun {
  /** One key/value pair with its serialized key for the job's raw comparator. */
  private record Pair(Text key, Text value, byte[] raw, int partition) {}

  private final JobConf job;
  private final PrintStream out;

  DryRun(JobConf job, PrintStream out) {
    this.job = job;
    this.out = out;
  }

  void run(List<Path> inputs, int n) throws IOException, InterruptedException {
    List<byte[]> records = firstLines(inputs, n);
    out.println("== input: first " + records.size() + " record(s)");
    records.forEach(this::printLine);
    String map = TaskSupport.command(job, StreamingKeys.MAP_COMMAND);
    if (map == null) {
      out.println("== map: the mapper is a Java class ("
          + job.get("mapred.mapper.class", "IdentityMapper")
          + "); a dry run runs commands only, so it stops here");
      return;
    }
    List<byte[]> mapped = stage("map", map, records);
    byte[] mapSep = TaskSupport.bytes(job, StreamingKeys.MAP_OUTPUT_SEPARATOR);
    int mapKeys = job.getInt(StreamingKeys.MAP_OUTPUT_KEY_FIELDS, StreamingKeys.KEY_FIELDS_DEFAULT);
    int reduces = job.getNumReduceTasks();
    if (reduces == 0) {
      out.println("== map-only job: the map output above is the job output");
      return;
    }
    List<Pair> sorted = sort(split(mapped, mapSep, mapKeys), reduces);
    out.println("== sorted map output (partition<TAB>key<TAB>value), " + reduces
        + " reduce task(s)");
    for (Pair p : sorted) {
      out.println(p.partition() + "\t" + p.key() + "\t" + p.value());
    }
    byte[] redInSep = TaskSupport.bytes(job, StreamingKeys.REDUCE_INPUT_SEPARATOR);
    byte[] redOutSep = TaskSupport.bytes(job, StreamingKeys.REDUCE_OUTPUT_SEPARATOR);
    int redKeys =
        job.getInt(StreamingKeys.REDUCE_OUTPUT_KEY_FIELDS, StreamingKeys.KEY_FIELDS_DEFAULT);
    String combine = TaskSupport.command(job, StreamingKeys.COMBINE_COMMAND);
    if (combine != null) {
      List<byte[]> combined = stage("combine", combine, lines(sorted, redInSep));
      List<Pair> pairs = split(combined, redOutSep, redKeys);
      Set<String> given = new HashSet<>();
      sorted.forEach(p -> given.add(p.key().toString()));
      Set<String> invented = new LinkedHashSet<>();
      pairs.forEach(p -> {
        if (!given.contains(p.key().toString())) {
          invented.add(p.key().toString());
        }
      });
      if (!invented.isEmpty()) {
        out.println("WARNING: the combiner emitted key(s) it was not given: " + invented
            + ". A combiner may run 0, 1 or many times, so it must keep keys unchanged;"
            + " the job's result would depend on how often it ran.");
      }
      sorted = sort(pairs, reduces);
    }
    String reduce = TaskSupport.command(job, StreamingKeys.REDUCE_COMMAND);
    if (reduce == null) {
      out.println("== reduce: the reducer is " + job.get("mapred.reducer.class",
          "IdentityReducer") + " (a Java class); a dry run stops here");
      return;
    }
    for (int r = 0; r < reduces; r++) {
      final int part = r;
      List<Pair> mine = sorted.stream().filter(p -> p.partition() == part).toList();
      stage(String.format("reduce part-%05d", r), reduce, lines(mine, redInSep));
    }
  }

  private List<byte[]> stage(String name, String command, List<byte[]> in)
      throws IOException, InterruptedException {
    out.println("== " + name + ": " + command + " (" + in.size() + " record(s) in)");
    List<byte[]> result = new ArrayList<>();
    Map<String, Long> counters = new TreeMap<>();
    Child.Feedback fb = new Child.Feedback() {
      @Override
      public synchronized void counter(String group, String counter, long amount) {
        counters.merge(group + "," + counter, amount, Long::sum);
      }

      @Override
      public void status(String message) {
        out.println("   status: " + message);
      }

      @Override
      public void progress() {}

      @Override
      public void malformed(String warning) {}
    };
    Child child = Child.start(command, TaskSupport.argv(command), TaskSupport.environment(job),
        (b, len) -> {
          synchronized (result) {
            result.add(Arrays.copyOf(b, len));
          }
        }, fb, new Child.Settings(
            job.get(StreamingKeys.REPORTER_PREFIX, StreamingKeys.REPORTER_PREFIX_DEFAULT), 0,
            StreamingKeys.STDERR_TAIL_LINES_DEFAULT, StreamingKeys.STDERR_MAX_LINES_DEFAULT, out));
    OutputStream stdin = child.stdin();
    long fed = 0;
    try {
      for (byte[] r : in) {
        stdin.write(r);
        stdin.write('\n');
        fed++;
      }
    } catch (IOException e) {
      out.println("   the command stopped reading its input after " + fed + " record(s): "
          + e.getMessage());
    }
    int status = child.finish();
    synchronized (result) {
      out.println("-- " + name + " output: " + result.size() + " line(s), "
          + ExitStatus.describe(status));
      result.forEach(this::printLine);
    }
    counters.forEach((k, v) -> out.println("   counter " + k + " = " + v));
    if (status != 0 && job.getBoolean(StreamingKeys.NON_ZERO_EXIT_IS_FAILURE,
        StreamingKeys.NON_ZERO_EXIT_IS_FAILURE_DEFAULT)) {
      out.println("!! the " + name + " command failed: a real job would fail here");
    }
    return result;
  }

  private List<Pair> split(List<byte[]> lines, byte[] sep, int keyFields) {
    List<Pair> pairs = new ArrayList<>();
    for (byte[] b : lines) {
      Text k = new Text();
      Text v = new Text();
      TaskSupport.split(b, b.length, sep, keyFields, k, v);
      pairs.add(new Pair(k, v, null, 0));
    }
    return pairs;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<Pair> sort(List<Pair> pairs, int reduces) throws IOException {
    RawComparator cmp = job.getOutputKeyComparator();
    Partitioner part = ReflectionUtils.newInstance(job.getPartitionerClass(), job);
    List<Pair> keyed = new ArrayList<>();
    for (Pair p : pairs) {
      DataOutputBuffer buf = new DataOutputBuffer();
      p.key().write(buf);
      byte[] raw = Arrays.copyOf(buf.getData(), buf.getLength());
      keyed.add(new Pair(p.key(), p.value(), raw, part.getPartition(p.key(), p.value(), reduces)));
    }
    keyed.sort(Comparator.comparingInt(Pair::partition).thenComparing(
        (a, b) -> cmp.compare(a.raw(), 0, a.raw().length, b.raw(), 0, b.raw().length)));
    return keyed;
  }

  private static List<byte[]> lines(List<Pair> pairs, byte[] sep) {
    List<byte[]> out = new ArrayList<>();
    for (Pair p : pairs) {
      byte[] b = new byte[p.key().getLength() + sep.length + p.value().getLength()];
      System.arraycopy(p.key().getBytes(), 0, b, 0, p.key().getLength());
      System.arraycopy(sep, 0, b, p.key().getLength(), sep.length);
      System.arraycopy(p.value().getBytes(), 0, b, p.key().getLength() + sep.length,
          p.value().getLength());
      out.add(b);
    }
    return out;
  }

  private List<byte[]> firstLines(List<Path> inputs, int n) throws IOException {
    List<byte[]> out = new ArrayList<>();
    CompressionCodecFactory codecs = new CompressionCodecFactory(job);
    for (Path in : inputs) {
      FileSystem fs = in.getFileSystem(job);
      List<FileStatus> files = new ArrayList<>();
      collect(fs, fs.getFileStatus(in), files);
      for (FileStatus f : files) {
        if (out.size() >= n) {
          return out;
        }
        CompressionCodec codec = codecs.getCodec(f.getPath());
        try (InputStream raw = fs.open(f.getPath());
            InputStream s = codec == null ? raw : codec.createInputStream(raw);
            LineReader r = new LineReader(s)) {
          Text line = new Text();
          while (out.size() < n && r.readLine(line) > 0) {
            out.add(Arrays.copyOf(line.getBytes(), line.getLength()));
          }
        }
      }
    }
    return out;
  }

  private static void collect(FileSystem fs, FileStatus st, List<FileStatus> out)
      throws IOException {
    if (st.isFile()) {
      out.add(st);
      return;
    }
    FileStatus[] kids = fs.listStatus(st.getPath(), InputPacking.VISIBLE);
    Arrays.sort(kids);
    for (FileStatus k : kids) {
      if (k.isFile()) {
        out.add(k);
      }
    }
  }

  private void printLine(byte[] b) {
    out.println(new String(b, StandardCharsets.UTF_8));
  }
}
