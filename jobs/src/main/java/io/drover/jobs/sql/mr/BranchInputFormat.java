package io.drover.jobs.sql.mr;

import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.PhysicalPlan;
import io.drover.jobs.sql.physical.Source;
import io.drover.jobs.sql.physical.Stage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

/**
 * A stage's input: the splits of every branch (a table's text files through {@link
 * TextInputFormat}, an earlier stage's binary rows through {@link SequenceFileInputFormat}),
 * each tagged with its branch so that the map task knows which operators to run.
 */
public class BranchInputFormat extends InputFormat<Writable, Writable> {
  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException, InterruptedException {
    Configuration conf = context.getConfiguration();
    PhysicalPlan plan = SqlConf.plan(conf);
    Stage stage = SqlConf.stage(conf, plan);
    List<InputSplit> out = new ArrayList<>();
    for (int i = 0; i < stage.inputs().size(); i++) {
      Branch b = stage.inputs().get(i);
      Job one = Job.getInstance(new Configuration(conf));
      FileInputFormat.setInputPaths(one, location(conf, b.source()));
      for (InputSplit s : format(b.source()).getSplits(one)) {
        out.add(new BranchSplit(i, (FileSplit) s));
      }
    }
    return out;
  }

  /** Where a source's files are. */
  static Path location(Configuration conf, Source s) {
    if (s instanceof Source.TableScan t) {
      return new Path(t.table().location());
    }
    return SqlConf.stageDir(conf, ((Source.StageOutput) s).stage());
  }

  static FileInputFormat<?, ?> format(Source s) {
    return s instanceof Source.TableScan ? new TextInputFormat()
        : new SequenceFileInputFormat<Writable, Writable>();
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public RecordReader<Writable, Writable> createRecordReader(InputSplit split,
      TaskAttemptContext context) throws IOException, InterruptedException {
    BranchSplit bs = (BranchSplit) split;
    Configuration conf = context.getConfiguration();
    Stage stage = SqlConf.stage(conf, SqlConf.plan(conf));
    FileInputFormat f = format(stage.inputs().get(bs.branch()).source());
    RecordReader inner = f.createRecordReader(bs.file(), context);
    return new RecordReader<Writable, Writable>() {
      public void initialize(InputSplit s, TaskAttemptContext c)
          throws IOException, InterruptedException {
        inner.initialize(((BranchSplit) s).file(), c);
      }

      public boolean nextKeyValue() throws IOException, InterruptedException {
        return inner.nextKeyValue();
      }

      public Writable getCurrentKey() throws IOException, InterruptedException {
        return (Writable) inner.getCurrentKey();
      }

      public Writable getCurrentValue() throws IOException, InterruptedException {
        return (Writable) inner.getCurrentValue();
      }

      public float getProgress() throws IOException, InterruptedException {
        return inner.getProgress();
      }

      public void close() throws IOException {
        inner.close();
      }
    };
  }
}
