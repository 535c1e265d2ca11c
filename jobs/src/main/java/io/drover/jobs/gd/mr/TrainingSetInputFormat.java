package io.drover.jobs.gd.mr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * The binary training set's {@code part-*.bin} chunk files, one whole file per split (the fixed
 * split plan: the same files give the same tasks every iteration). The record reader yields
 * nothing: the mappers read their file in bulk in their own {@code run()}.
 */
public final class TrainingSetInputFormat extends FileInputFormat<NullWritable, NullWritable> {
  public static final String SUFFIX = ".bin";

  @Override
  protected boolean isSplitable(JobContext context, Path filename) {
    return false;
  }

  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    for (FileStatus st : super.listStatus(job)) {
      String name = st.getPath().getName();
      if (name.startsWith("part-") && name.endsWith(SUFFIX)) {
        out.add(st);
      }
    }
    return out;
  }

  @Override
  public RecordReader<NullWritable, NullWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new RecordReader<>() {
      @Override
      public void initialize(InputSplit s, TaskAttemptContext c) {}

      @Override
      public boolean nextKeyValue() {
        return false;
      }

      @Override
      public NullWritable getCurrentKey() {
        return NullWritable.get();
      }

      @Override
      public NullWritable getCurrentValue() {
        return NullWritable.get();
      }

      @Override
      public float getProgress() {
        return 0;
      }

      @Override
      public void close() {}
    };
  }
}
