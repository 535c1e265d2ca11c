package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.junit.jupiter.api.Test;

/** A failed local job names its task's error, which LocalJobRunner only logs. */
class JobsTest {
  /** Fails on the line that says so, naming it. */
  public static class FailingMapper extends Mapper<LongWritable, Text, Text, NullWritable> {
    @Override
    protected void map(LongWritable offset, Text line, Context context) throws IOException {
      if (line.toString().equals("bad")) {
        throw new IOException("cannot read the line at byte " + offset.get());
      }
    }
  }

  private static Job job(Path dir, String... lines) throws IOException {
    Path in = dir.resolve("in.txt");
    Files.write(in, java.util.List.of(lines));
    Configuration conf = LocalConf.create();
    conf.set(Jobs.PROGRESS, "off");
    Job job = Job.getInstance(conf, "failing");
    job.setMapperClass(FailingMapper.class);
    job.setNumReduceTasks(0);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(NullWritable.class);
    FileInputFormat.addInputPath(job, new org.apache.hadoop.fs.Path(in.toUri()));
    FileOutputFormat.setOutputPath(job, new org.apache.hadoop.fs.Path(dir.resolve("out").toUri()));
    return job;
  }

  @Test
  void aFailedLocalJobSaysWhatTheTaskThrew() throws Exception {
    Job job = job(TestDirs.fresh("jobs-failing"), "good", "bad");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    JobFailedException e = assertThrows(JobFailedException.class, () -> Jobs.runToSuccess(job, quiet));
    assertEquals("job 'failing' (" + job.getJobID() + ") failed: cannot read the line at byte 5",
        e.getMessage());
  }

  /** Keeps what reaches the root logger's appenders (the console, in a real run). */
  static final class Seen extends org.apache.log4j.AppenderSkeleton {
    final java.util.List<org.apache.log4j.spi.LoggingEvent> events =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected void append(org.apache.log4j.spi.LoggingEvent event) {
      events.add(event);
    }

    @Override
    public void close() {}

    @Override
    public boolean requiresLayout() {
      return false;
    }
  }

  @Test
  void theFailedTasksStackTraceStaysOffTheLogUnlessVerbose() throws Exception {
    org.apache.log4j.Logger root = org.apache.log4j.Logger.getRootLogger();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Seen seen = new Seen();
    root.addAppender(seen);
    try {
      Job job = job(TestDirs.fresh("jobs-quiet"), "bad");
      assertThrows(JobFailedException.class, () -> Jobs.runToSuccess(job, quiet));
      assertEquals(0, seen.events.stream().filter(e -> e.getThrowableInformation() != null)
          .count(), "a stack trace reached the console");

      Job verbose = job(TestDirs.fresh("jobs-verbose"), "bad");
      verbose.getConfiguration().setBoolean(Jobs.VERBOSE, true);
      assertThrows(JobFailedException.class, () -> Jobs.runToSuccess(verbose, quiet));
      assertEquals(1, seen.events.stream().filter(e -> e.getThrowableInformation() != null)
          .count());
    } finally {
      root.removeAppender(seen);
    }
  }

  @Test
  void aSucceededJobStillGivesItsCounters() throws Exception {
    Job job = job(TestDirs.fresh("jobs-good"), "good", "fine");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2L, Jobs.runToSuccess(job, quiet)
        .findCounter(org.apache.hadoop.mapreduce.TaskCounter.MAP_INPUT_RECORDS).getValue());
  }

  @Test
  void aLocalTaskOfASmallSplitGetsASortBufferSizedToIt() {
    Configuration conf = LocalConf.create();
    conf.setLong(FileInputFormat.SPLIT_MAXSIZE, 1000);
    Jobs.sizeLocalSortBuffer(conf);
    assertEquals("8", conf.get(Jobs.SORT_MB)); // the floor
    conf = LocalConf.create();
    conf.setLong(FileInputFormat.SPLIT_MAXSIZE, 10L << 20);
    Jobs.sizeLocalSortBuffer(conf);
    assertEquals("40", conf.get(Jobs.SORT_MB)); // four times the split
    conf = LocalConf.create();
    conf.setLong(FileInputFormat.SPLIT_MAXSIZE, 64L << 20);
    Jobs.sizeLocalSortBuffer(conf);
    assertEquals(100, conf.getInt(Jobs.SORT_MB, 100)); // never above Hadoop's own
  }

  @Test
  void aUsersSortBufferAMapOnlyJobOrAClusterJobKeepTheirs() {
    Configuration user = LocalConf.create();
    user.setLong(FileInputFormat.SPLIT_MAXSIZE, 1000);
    user.set(Jobs.SORT_MB, "50");
    Jobs.sizeLocalSortBuffer(user);
    assertEquals("50", user.get(Jobs.SORT_MB));
    Configuration mapOnly = LocalConf.create();
    mapOnly.setLong(FileInputFormat.SPLIT_MAXSIZE, 1000);
    mapOnly.setInt(org.apache.hadoop.mapreduce.MRJobConfig.NUM_REDUCES, 0);
    Jobs.sizeLocalSortBuffer(mapOnly);
    assertEquals(100, mapOnly.getInt(Jobs.SORT_MB, 100));
    Configuration cluster = LocalConf.create();
    cluster.set("mapreduce.framework.name", "yarn");
    cluster.setLong(FileInputFormat.SPLIT_MAXSIZE, 1000);
    Jobs.sizeLocalSortBuffer(cluster);
    assertEquals(100, cluster.getInt(Jobs.SORT_MB, 100));
  }
}
