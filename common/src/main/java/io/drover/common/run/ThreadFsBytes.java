package io.drover.common.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The bytes the calling thread has read and written so far through the file systems of one scheme
 * ({@code file}, {@code hdfs}, ...), from Hadoop's per-thread {@link FileSystem.Statistics}: what
 * Hadoop's tracked readers and writers count into "File Input Format Counters / Bytes Read" and
 * "File Output Format Counters / Bytes Written" (checksum files included), taken before and after
 * the reading or writing. Hadoop sums every thread's statistics there, so tasks running side by
 * side in one JVM (LocalJobRunner) add each other's bytes to their counts; these are the calling
 * thread's alone. An instance belongs to the thread that made it.
 */
public final class ThreadFsBytes {
  private final FileSystem.Statistics.StatisticsData[] data;

  private ThreadFsBytes(FileSystem.Statistics[] stats) {
    data = new FileSystem.Statistics.StatisticsData[stats.length];
    for (int i = 0; i < stats.length; i++) {
      data[i] = stats[i].getThreadStatistics();
    }
  }

  /** The statistics of every file system class of {@code path}'s scheme, as Hadoop's Task finds them. */
  @SuppressWarnings("deprecation") // Hadoop's own MapTask and ReduceTask walk the same list
  public static FileSystem.Statistics[] statistics(Path path, Configuration conf)
      throws IOException {
    String scheme = path.getFileSystem(conf).makeQualified(path).toUri().getScheme();
    List<FileSystem.Statistics> matched = new ArrayList<>();
    for (FileSystem.Statistics s : FileSystem.getAllStatistics()) {
      if (s.getScheme().equals(scheme)) {
        matched.add(s);
      }
    }
    return matched.toArray(new FileSystem.Statistics[0]);
  }

  /** The calling thread's counts in {@code stats}. */
  public static ThreadFsBytes of(FileSystem.Statistics[] stats) {
    return new ThreadFsBytes(stats);
  }

  /** The calling thread's counts for {@code path}'s file system. */
  public static ThreadFsBytes of(Path path, Configuration conf) throws IOException {
    return new ThreadFsBytes(statistics(path, conf));
  }

  /** Bytes read by this thread so far. */
  public long read() {
    long sum = 0;
    for (FileSystem.Statistics.StatisticsData d : data) {
      sum += d.getBytesRead();
    }
    return sum;
  }

  /** Bytes written by this thread so far. */
  public long written() {
    long sum = 0;
    for (FileSystem.Statistics.StatisticsData d : data) {
      sum += d.getBytesWritten();
    }
    return sum;
  }
}
