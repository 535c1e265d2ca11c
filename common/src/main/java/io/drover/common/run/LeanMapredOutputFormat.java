package io.drover.common.run;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.FileOutputFormat;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.OutputFormat;
import org.apache.hadoop.mapred.RecordWriter;
import org.apache.hadoop.mapred.Reporter;
import org.apache.hadoop.mapred.TextOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormatCounter;
import org.apache.hadoop.util.Progressable;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * An old-API ({@code org.apache.hadoop.mapred}) file output format, the delegate named by {@link
 * #DELEGATE} (TextOutputFormat, or a user's FileOutputFormat), that writes exactly the delegate's
 * files, through the job's committer, without Hadoop's per-record walk over every thread's file
 * system statistics. The new API's counterpart is {@link LeanFileOutputFormat}.
 *
 * <p>Hadoop's ReduceTask.OldTrackingRecordWriter and MapTask.DirectMapOutputCollector (3.x) look up
 * the output file system's statistics only when {@code job.getOutputFormat() instanceof
 * FileOutputFormat}, and then sum the bytes written by all threads before and after every record.
 * This format is not a FileOutputFormat, so that walk is skipped; its writer counts "File Output
 * Format Counters / Bytes Written" itself, with the same meaning: the bytes the output file system
 * wrote (checksum files included) while the writer was created, wrote a record or closed, read
 * from the statistics of the thread doing it (a lookup, not a walk), so the counter equals
 * Hadoop's, without the bytes other tasks' threads happen to write meanwhile.
 */
public class LeanMapredOutputFormat<K, V> implements OutputFormat<K, V> {
  /** The FileOutputFormat that does the writing; default TextOutputFormat. */
  public static final String DELEGATE = "drover.mapred.output.format.delegate";

  /** Makes {@code job} write through {@code delegate}, leanly. */
  @SuppressWarnings("rawtypes")
  public static void use(JobConf job, Class<? extends FileOutputFormat> delegate) {
    job.setOutputFormat(LeanMapredOutputFormat.class);
    job.setClass(DELEGATE, delegate, FileOutputFormat.class);
  }

  @SuppressWarnings("rawtypes")
  private static Class<? extends FileOutputFormat> delegateClass(Configuration conf) {
    return conf.getClass(DELEGATE, TextOutputFormat.class, FileOutputFormat.class);
  }

  @SuppressWarnings("unchecked")
  private static <K, V> FileOutputFormat<K, V> delegate(JobConf job) {
    return ReflectionUtils.newInstance(delegateClass(job), job);
  }

  @Override
  public RecordWriter<K, V> getRecordWriter(FileSystem ignored, JobConf job, String name,
      Progressable progress) throws IOException {
    Written written = new Written(FileOutputFormat.getOutputPath(job), job, progress);
    long before = written.byThisThread();
    FileOutputFormat<K, V> format = delegate(job);
    RecordWriter<K, V> real = format.getRecordWriter(ignored, job, name, progress);
    written.add(before);
    return new RecordWriter<>() {
      @Override
      public void write(K key, V value) throws IOException {
        long b = written.byThisThread();
        real.write(key, value);
        written.add(b);
      }

      @Override
      public void close(Reporter reporter) throws IOException {
        long b = written.byThisThread();
        real.close(reporter);
        written.add(b);
      }
    };
  }

  @Override
  public void checkOutputSpecs(FileSystem ignored, JobConf job) throws IOException {
    delegate(job).checkOutputSpecs(ignored, job);
  }

  /** The bytes the output's file system wrote, by thread, counted into Bytes Written. */
  private static final class Written {
    private final FileSystem.Statistics[] stats;
    private final Reporter reporter;

    Written(Path output, JobConf job, Progressable progress) throws IOException {
      stats = output == null ? new FileSystem.Statistics[0]
          : ThreadFsBytes.statistics(output, job);
      reporter = progress instanceof Reporter r ? r : Reporter.NULL;
    }

    /** The thread that asked last with its counts (the records come from one thread). */
    private volatile Bound bound = new Bound(null, null);

    private record Bound(Thread thread, ThreadFsBytes bytes) {}

    long byThisThread() {
      Bound b = bound;
      Thread t = Thread.currentThread();
      if (b.thread() != t) {
        b = new Bound(t, ThreadFsBytes.of(stats));
        bound = b;
      }
      return b.bytes().written();
    }

    /** Counts what this thread wrote since it had written {@code before}. */
    void add(long before) {
      long delta = byThisThread() - before;
      if (delta != 0) {
        reporter.incrCounter(FileOutputFormatCounter.BYTES_WRITTEN, delta);
      }
    }
  }
}
