package io.drover.jobs.sql.mr;

import io.drover.common.run.LeanFileOutputFormat;
import io.drover.jobs.JobJar;
import io.drover.jobs.aggregate.mr.BytesKey;
import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.PhysicalPlan;
import io.drover.jobs.sql.physical.Shuffle;
import io.drover.jobs.sql.physical.Stage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Builds the MapReduce job of one stage of a compiled query. */
public final class StageJobs {
  private StageJobs() {}

  /**
   * The job of {@code stage}: {@code dirs} names where each earlier stage wrote, {@code output}
   * where this one writes (the result's text rows when {@code last}, else binary rows).
   */
  public static Job create(Configuration base, PhysicalPlan plan, String encodedPlan,
      Stage stage, Map<Integer, Path> dirs, Path output, boolean last, String format)
      throws IOException {
    Job job = Job.getInstance(new Configuration(base),
        "drover sql stage " + (stage.id() + 1) + "/" + plan.stages().size());
    JobJar.use(job);
    cacheBroadcastSides(job, stage, dirs);
    Configuration conf = job.getConfiguration();
    conf.set(SqlConf.PLAN, encodedPlan);
    conf.setInt(SqlConf.STAGE, stage.id());
    conf.setBoolean(SqlConf.FINAL, last);
    conf.set(SqlConf.OUTPUT_FORMAT, format);
    for (Map.Entry<Integer, Path> e : dirs.entrySet()) {
      conf.set(SqlConf.STAGE_DIR + e.getKey(), e.getValue().toString());
    }
    job.setInputFormatClass(BranchInputFormat.class);
    job.setMapperClass(StageMapper.class);
    if (stage.hasShuffle()) {
      job.setMapOutputKeyClass(BytesKey.class);
      job.setMapOutputValueClass(BytesKey.class);
      job.setSortComparatorClass(BytesKey.Comparator.class);
      job.setReducerClass(StageReducer.class);
      job.setNumReduceTasks(reducers(conf, stage, dirs));
      if (stage.shuffle() instanceof Shuffle.Sort sort && job.getNumReduceTasks() > 1) {
        List<byte[]> sample = SortSampler.sample(conf, stage,
            conf.getInt(SqlConf.SORT_SAMPLE_ROWS, SqlConf.SORT_SAMPLE_ROWS_DEFAULT));
        conf.set(RangePartitioner.SPLITS, RangePartitioner.encode(
            RangePartitioner.splitPoints(sample, job.getNumReduceTasks())));
        job.setPartitionerClass(RangePartitioner.class);
      } else if (stage.shuffle() instanceof Shuffle.GroupBy) {
        job.setCombinerClass(StageCombiner.class);
        job.setPartitionerClass(Keys.GroupPartitioner.class);
      } else if (stage.shuffle() instanceof Shuffle.Join) {
        job.setPartitionerClass(Keys.JoinPartitioner.class);
        job.setGroupingComparatorClass(Keys.JoinGrouping.class);
      }
    } else {
      job.setNumReduceTasks(0);
    }
    job.setOutputKeyClass(NullWritable.class);
    // Parquet tables: row groups are skipped by statistics, rows never (the filter runs anyway)
    conf.setBoolean(ParquetInputFormat.RECORD_FILTERING_ENABLED, false);
    if (last && ResultFormat.named(format) == ResultFormat.PARQUET) {
      job.setOutputValueClass(RowHolder.class);
      ParquetOutputFormat.setWriteSupportClass(job, ParquetResult.class);
      ParquetOutputFormat.setCompression(job, CompressionCodecName.SNAPPY);
      conf.set(ParquetOutputFormat.JOB_SUMMARY_LEVEL, "NONE"); // _schema says it
      // not through LeanFileOutputFormat, which counts the bytes of files named as text ones
      job.setOutputFormatClass(ParquetOutputFormat.class);
    } else if (last) {
      job.setOutputValueClass(Text.class);
      LeanFileOutputFormat.use(job, TextOutputFormat.class);
    } else {
      job.setOutputValueClass(BytesKey.class);
      LeanFileOutputFormat.use(job, SequenceFileOutputFormat.class);
    }
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  /**
   * On a cluster, every broadcast side of the stage's map-side hash joins (nested ones too) goes
   * through the distributed cache, localized once per node rather than read from the file system
   * by every map task (Hive's map join does the same with its hash tables); a local job reads the
   * files in place. The task finds each side's link under {@link SqlConf#BROADCAST_LINK}.
   */
  static void cacheBroadcastSides(Job job, Stage stage, Map<Integer, Path> dirs)
      throws IOException {
    Configuration conf = job.getConfiguration();
    if ("local".equals(conf.get("mapreduce.framework.name", "local"))) {
      return;
    }
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    for (Branch b : stage.inputs()) {
      broadcastSides(b, seen, conf, dirs);
    }
    int i = 0;
    for (String location : seen) {
      String link = "drover-broadcast-" + stage.id() + "-" + i++;
      job.addCacheFile(java.net.URI.create(location + "#" + link));
      conf.set(SqlConf.BROADCAST_LINK + location, link);
    }
  }

  private static void broadcastSides(Branch b, java.util.Set<String> out, Configuration conf,
      Map<Integer, Path> dirs) throws IOException {
    for (io.drover.jobs.sql.physical.Operator op : b.ops()) {
      if (op instanceof io.drover.jobs.sql.physical.Operator.HashJoin j) {
        io.drover.jobs.sql.physical.Source src = j.build().source();
        Path[] ps = src instanceof io.drover.jobs.sql.physical.Source.StageOutput so
            ? new Path[] {dirs.get(so.stage())} : BranchInputFormat.locations(conf, src);
        for (Path p : ps) {
          out.add(p.getFileSystem(conf).makeQualified(p).toString());
        }
        broadcastSides(j.build(), out, conf, dirs);
      }
    }
  }

  /**
   * A shuffle stage's reduce tasks: as the plan says, else {@link SqlConf#REDUCERS}, else one
   * per {@link SqlConf#BYTES_PER_REDUCER} of input (at most 64); a sort over several is range
   * partitioned on a sample of its keys.
   */
  static int reducers(Configuration conf, Stage stage, Map<Integer, Path> dirs)
      throws IOException {
    if (stage.reducers() > 0) {
      return stage.reducers();
    }
    int forced = conf.getInt(SqlConf.REDUCERS, 0);
    if (forced > 0) {
      return forced;
    }
    long bytes = 0;
    for (Branch b : stage.inputs()) {
      Path[] ps = b.source() instanceof io.drover.jobs.sql.physical.Source.StageOutput s
          ? new Path[] {dirs.get(s.stage())} : BranchInputFormat.locations(conf, b.source());
      for (Path p : ps) {
        FileSystem fs = p.getFileSystem(conf);
        if (fs.exists(p)) {
          bytes += fs.getContentSummary(p).getLength();
        }
      }
    }
    long per = conf.getLong(SqlConf.BYTES_PER_REDUCER, SqlConf.BYTES_PER_REDUCER_DEFAULT);
    return (int) Math.max(1, Math.min(64, (bytes + per - 1) / per));
  }
}
