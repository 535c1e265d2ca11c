package io.drover.jobs.sql.mr;

import io.drover.jobs.sql.exec.RowSink;
import io.drover.jobs.sql.logical.Plan.SortKey;
import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.Shuffle;
import io.drover.jobs.sql.physical.Source;
import io.drover.jobs.sql.physical.Stage;
import io.drover.jobs.sql.runtime.Evaluator;
import io.drover.jobs.sql.runtime.SortKeyCodec;
import io.drover.jobs.sql.exec.Chain;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.StatusReporter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.parquet.hadoop.ParquetInputFormat;

/**
 * Samples an ORDER BY stage's sort keys on the client, as Hadoop's InputSampler does for
 * TotalOrderPartitioner, spread over the whole input as its IntervalSampler spreads: the stage's
 * splits as its map tasks get them ({@link BranchInputFormat}: text, CSV and Parquet tables, an
 * earlier stage's SequenceFile rows) cut into windows by bytes ({@link #windows}), and the first
 * rows of each window read by the tasks' own record readers and the branch's operators, their
 * keys encoded and sorted. So sorted or clustered input (lineitem in l_orderkey order) gets split
 * points over its whole range, not over the start of its first file.
 *
 * <p>Deterministic (no randomness: the same input gives the same split points) and bounded: at
 * most {@link #MAX_WINDOWS} windows opened, each read for its share of {@code maxRows} keys and
 * at most {@link #READ_FACTOR} times as many records (a selective filter gives a smaller sample,
 * never a read of the whole input). A compressed text file (not splittable) is sampled from its
 * start, and a Parquet window from the start of the row group it holds. A biased sample only
 * unbalances the reducers; the order is right whatever the split points.
 */
final class SortSampler {
  private SortSampler() {}

  /** At most this many windows are read. */
  static final int MAX_WINDOWS = 100;
  /**
   * A window spans at least this many bytes (twice a SequenceFile's sync interval, so that each
   * window of an earlier stage's rows starts at a sync mark of its own).
   */
  static final long MIN_WINDOW_BYTES = 256 * 1024;
  /** A window stops after this many times its share of keys in records read. */
  static final int READ_FACTOR = 16;

  /**
   * A part of split {@code split} of the stage's splits: {@code start} and {@code length}
   * relative to the split's start; read for {@code rows} keys.
   */
  record Window(int split, long start, long length, int rows) {}

  /**
   * The windows over splits of {@code lengths} bytes ({@code splittable}: whether a split may be
   * read from the middle): {@code w} = one per {@code minWindowBytes} of input, between 1 and
   * {@code maxWindows}, each read for {@code maxRows / w} keys. With at least {@code w} splits,
   * {@code w} of them evenly spaced, each whole; else every split gets one window and the rest
   * go to the splits by their bytes (largest remainders), a splittable split cut into equal
   * windows, a non-splittable one read from its start for all its windows' keys.
   */
  static List<Window> windows(long[] lengths, boolean[] splittable, int maxRows, int maxWindows,
      long minWindowBytes) {
    int n = lengths.length;
    List<Window> out = new ArrayList<>();
    if (n == 0 || maxRows <= 0) {
      return out;
    }
    long total = Arrays.stream(lengths).sum();
    int w = (int) Math.max(1, Math.min(maxWindows, (total + minWindowBytes - 1) / minWindowBytes));
    int rows = Math.max(1, maxRows / w);
    if (n >= w) {
      for (int j = 0; j < w; j++) {
        int i = (int) ((2L * j + 1) * n / (2L * w));
        out.add(new Window(i, 0, lengths[i], rows));
      }
      return out;
    }
    int[] count = new int[n];
    Arrays.fill(count, 1);
    int extra = w - n;
    long[] rem = new long[n];
    int given = 0;
    for (int i = 0; i < n && total > 0; i++) {
      long share = (long) extra * lengths[i]; // extra * length / total, in whole windows
      count[i] += (int) (share / total);
      given += (int) (share / total);
      rem[i] = share % total;
    }
    while (given < extra) { // the largest remainders, the first split on a tie
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (rem[i] > rem[best]) {
          best = i;
        }
      }
      count[best]++;
      rem[best] = -1;
      given++;
    }
    for (int i = 0; i < n; i++) {
      if (!splittable[i]) {
        out.add(new Window(i, 0, lengths[i], rows * count[i]));
        continue;
      }
      for (int c = 0; c < count[i]; c++) {
        long start = lengths[i] * c / count[i];
        long end = lengths[i] * (c + 1) / count[i];
        out.add(new Window(i, start, end - start, rows));
      }
    }
    return out;
  }

  static List<byte[]> sample(Configuration job, Stage stage, int maxRows) throws IOException {
    // the client reads broadcast sides in place: their distributed cache links are the tasks'
    Configuration conf = new Configuration(job);
    for (java.util.Map.Entry<String, String> e : job) {
      if (e.getKey().startsWith(SqlConf.BROADCAST_LINK)) {
        conf.unset(e.getKey());
      }
    }
    conf.setBoolean(ParquetInputFormat.RECORD_FILTERING_ENABLED, false);
    try {
      return sample(conf, stage, maxRows, new BranchInputFormat());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sampling the sort keys");
    }
  }

  private static List<byte[]> sample(Configuration conf, Stage stage, int maxRows,
      BranchInputFormat format) throws IOException, InterruptedException {
    List<InputSplit> splits = format.getSplits(Job.getInstance(conf));
    long[] lengths = new long[splits.size()];
    boolean[] splittable = new boolean[splits.size()];
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    for (int i = 0; i < lengths.length; i++) {
      BranchSplit s = (BranchSplit) splits.get(i);
      lengths[i] = s.file().getLength();
      Source src = stage.inputs().get(s.branch()).source();
      splittable[i] = !(src instanceof Source.TableScan) || BranchInputFormat.parquet(src)
          || codecs.getCodec(s.file().getPath()) == null;
    }
    Shuffle.Sort sort = (Shuffle.Sort) stage.shuffle();
    SortKeyCodec codec = Keys.sortCodec(sort.keys());
    List<byte[]> keys = new ArrayList<>();
    RowSink[] heads = new RowSink[stage.inputs().size()];
    FormatScan.Tally tally = new FormatScan.Tally(conf);
    TaskAttemptContext context = new TaskAttemptContextImpl(conf, new TaskAttemptID(),
        new Reporter());
    for (Window w : windows(lengths, splittable, maxRows, MAX_WINDOWS, MIN_WINDOW_BYTES)) {
      BranchSplit s = (BranchSplit) splits.get(w.split());
      int b = s.branch();
      Branch branch = stage.inputs().get(b);
      if (heads[b] == null) { // once per branch: a broadcast side is read once
        Evaluator.Fn[] fns = Chain.compile(sort.keys().stream().map(SortKey::expr).toList(),
            branch.schema(), SqlConf.zone(conf));
        heads[b] = StageTask.chain(conf, branch.source().schema(), branch.ops(),
            row -> keys.add(codec.encode(Chain.eval(fns, row))), n -> { }, tally);
      }
      FileSplit f = s.file();
      BranchSplit part = new BranchSplit(b,
          new FileSplit(f.getPath(), f.getStart() + w.start(), w.length(), new String[0]));
      SplitRows rows = new SplitRows(conf, branch.source(), f.getPath().toString(), tally);
      int before = keys.size();
      long read = 0;
      try (RecordReader<?, ?> r = format.createRecordReader(part, context)) {
        r.initialize(part, context);
        while (keys.size() - before < w.rows() && read < (long) READ_FACTOR * w.rows()
            && r.nextKeyValue()) {
          read++;
          Object[] row = rows.row((org.apache.hadoop.io.Writable) r.getCurrentKey(),
              (org.apache.hadoop.io.Writable) r.getCurrentValue());
          if (row != null) {
            heads[b].accept(row);
          }
        }
      }
    }
    for (RowSink h : heads) {
      if (h != null) {
        h.finish();
      }
    }
    keys.sort((x, y) -> WritableComparator.compareBytes(x, 0, x.length, y, 0, y.length));
    return keys;
  }

  /** Counters for the record readers (a Parquet reader counts its rows), kept by the client. */
  private static final class Reporter extends StatusReporter {
    private final Counters counters = new Counters();

    @Override
    public Counter getCounter(Enum<?> name) {
      return counters.findCounter(name);
    }

    @Override
    public Counter getCounter(String group, String name) {
      return counters.findCounter(group, name);
    }

    @Override
    public void progress() {}

    @Override
    public float getProgress() {
      return 0;
    }

    @Override
    public void setStatus(String status) {}
  }
}
