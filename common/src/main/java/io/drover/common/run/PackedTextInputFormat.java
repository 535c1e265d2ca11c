package io.drover.common.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.CombineTextInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter;
import org.apache.hadoop.mapreduce.lib.input.InvalidInputException;

/**
 * {@link CombineTextInputFormat} (many small files packed into few splits) whose listing of
 * local-file-system inputs does not fork a process per file.
 *
 * <p>Without Hadoop's native library, the local file system learns a file's permissions by
 * running {@code ls -ld} on it, and Hadoop's input listing asks for them: one process per input
 * file (308 for gutenberg-medium, about a second of job start-up). This listing reads the same
 * facts with java.nio and applies the same rules as {@code FileInputFormat}: hidden names
 * ({@code _} or {@code .}) skipped at every level, the job's input path filter, directories
 * walked when {@code input.dir.recursive} is set ({@link InputPacking#list}, the one listing
 * every program uses). Inputs on any other file system (HDFS, S3, ...) are listed by Hadoop as
 * usual.
 */
public class PackedTextInputFormat extends CombineTextInputFormat {

  /**
   * Hadoop's reader, counting the split's bytes into {@link FileInputFormatCounter#BYTES_READ}
   * as it goes (Hadoop counts them only for plain FileSplits), so the client can show MB/s and
   * the bytes a job read.
   */
  @Override
  public RecordReader<LongWritable, Text> createRecordReader(InputSplit split,
      TaskAttemptContext context) throws IOException {
    return new CountingReader(super.createRecordReader(split, context),
        ((CombineFileSplit) split).getLength(),
        context.getCounter(FileInputFormatCounter.BYTES_READ));
  }

  private static final class CountingReader extends RecordReader<LongWritable, Text> {
    private final RecordReader<LongWritable, Text> in;
    private final long length;
    private final org.apache.hadoop.mapreduce.Counter bytes; // FileInputFormat.Counter shadows it
    private long counted;
    private int sinceCount;
    private TaskAttemptContext context;

    CountingReader(RecordReader<LongWritable, Text> in, long length,
        org.apache.hadoop.mapreduce.Counter bytes) {
      this.in = in;
      this.length = length;
      this.bytes = bytes;
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context)
        throws IOException, InterruptedException {
      this.context = context;
      in.initialize(split, context);
    }

    @Override
    public boolean nextKeyValue() throws IOException, InterruptedException {
      if (++sinceCount == 4096) {
        sinceCount = 0;
        countUpTo((long) (in.getProgress() * length));
      }
      try {
        return in.nextKeyValue();
      } catch (IOException e) { // name the file: a codec's "Unexpected end of input stream" won't
        String file = context == null ? null
            : context.getConfiguration().get(MRJobConfig.MAP_INPUT_FILE);
        throw file == null ? e : BadInputException.reading(file, e);
      }
    }

    private void countUpTo(long position) {
      long upTo = Math.min(length, position);
      if (upTo > counted) {
        bytes.increment(upTo - counted);
        counted = upTo;
      }
    }

    @Override
    public LongWritable getCurrentKey() throws IOException, InterruptedException {
      return in.getCurrentKey();
    }

    @Override
    public Text getCurrentValue() throws IOException, InterruptedException {
      return in.getCurrentValue();
    }

    @Override
    public float getProgress() throws IOException, InterruptedException {
      return in.getProgress();
    }

    @Override
    public void close() throws IOException {
      in.close();
      countUpTo(length);
    }
  }

  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    Configuration conf = job.getConfiguration();
    Path[] inputs = getInputPaths(job);
    for (Path p : inputs) {
      if (!InputPacking.isLocalFs(p.getFileSystem(conf))) {
        return super.listStatus(job);
      }
    }
    List<IOException> errors = new ArrayList<>();
    List<FileStatus> result = InputPacking.list(
        conf, List.of(inputs), getInputDirRecursive(job), getInputPathFilter(job), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return result;
  }
}
