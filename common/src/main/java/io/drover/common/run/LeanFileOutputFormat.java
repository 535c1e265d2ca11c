package io.drover.common.run;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.OutputFormat;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormatCounter;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * A file output format (Text or SequenceFile: the delegate named by {@link #DELEGATE}) that writes
 * exactly the delegate's files through the delegate's committer, without Hadoop's per-record
 * byte accounting.
 *
 * <p>When a job's output format extends {@link FileOutputFormat}, Hadoop's reduce task asks the
 * file system statistics of every thread for the bytes written before and after each record
 * (ReduceTask.NewTrackingRecordWriter): about a sixth of a word count reducer's time. This format
 * is not a FileOutputFormat, so that accounting is skipped; the "Bytes Written" counter is still
 * right: it adds each file's length once, when its writer closes.
 */
public class LeanFileOutputFormat<K, V> extends OutputFormat<K, V> {
  /** The FileOutputFormat that does the writing; default TextOutputFormat. */
  public static final String DELEGATE = "drover.output.format.delegate";

  private FileOutputFormat<K, V> delegate;

  /** Makes {@code job} write through {@code delegate}, leanly. */
  @SuppressWarnings("rawtypes")
  public static void use(Job job, Class<? extends FileOutputFormat> delegate) {
    job.setOutputFormatClass(LeanFileOutputFormat.class);
    job.getConfiguration().setClass(DELEGATE, delegate, FileOutputFormat.class);
  }

  @SuppressWarnings("unchecked")
  private FileOutputFormat<K, V> delegate(JobContext context) {
    if (delegate == null) {
      Configuration conf = context.getConfiguration();
      delegate =
          ReflectionUtils.newInstance(
              conf.getClass(DELEGATE, TextOutputFormat.class, FileOutputFormat.class), conf);
    }
    return delegate;
  }

  @Override
  public RecordWriter<K, V> getRecordWriter(TaskAttemptContext context)
      throws IOException, InterruptedException {
    FileOutputFormat<K, V> d = delegate(context);
    RecordWriter<K, V> writer = d.getRecordWriter(context);
    Path file = d.getDefaultWorkFile(context, extension(context));
    return new RecordWriter<>() {
      @Override
      public void write(K key, V value) throws IOException, InterruptedException {
        writer.write(key, value);
      }

      @Override
      public void close(TaskAttemptContext ctx) throws IOException, InterruptedException {
        writer.close(ctx);
        FileSystem fs = file.getFileSystem(ctx.getConfiguration());
        if (fs.exists(file)) {
          ctx.getCounter(FileOutputFormatCounter.BYTES_WRITTEN)
              .increment(fs.getFileStatus(file).getLen());
        }
      }
    };
  }

  /** The extension the delegate gives its files (a codec's, when output is compressed). */
  private static String extension(TaskAttemptContext context) {
    if (!FileOutputFormat.getCompressOutput(context)) {
      return "";
    }
    Class<? extends CompressionCodec> codec =
        FileOutputFormat.getOutputCompressorClass(context, GzipCodec.class);
    return ReflectionUtils.newInstance(codec, context.getConfiguration()).getDefaultExtension();
  }

  @Override
  public void checkOutputSpecs(JobContext context) throws IOException, InterruptedException {
    delegate(context).checkOutputSpecs(context);
  }

  @Override
  public OutputCommitter getOutputCommitter(TaskAttemptContext context)
      throws IOException, InterruptedException {
    return delegate(context).getOutputCommitter(context);
  }
}
