package io.drover.streaming.task;

import io.drover.common.run.ThreadFsBytes;
import io.drover.streaming.conf.StreamingKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.InputSplit;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.LineRecordReader;
import org.apache.hadoop.mapred.MapRunnable;
import org.apache.hadoop.mapred.OutputCollector;
import org.apache.hadoop.mapred.RecordReader;
import org.apache.hadoop.mapred.Reporter;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.hadoop.mapred.lib.CombineFileSplit;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter;

/**
 * The map side of the bridge: feeds each input record to the mapper command's stdin (the value
 * alone for text input, else {@code key<SEP>value}, then a newline) and collects each stdout line
 * split into key and value at the Nth {@code stream.map.output.field.separator}.
 *
 * <p>A packed split (many small files in one task) runs the command once per file, so that
 * {@code map_input_file} and friends in its environment stay true, as with one task per file.
 * With a command combiner, the pairs go through the {@link PreCombiner} first.
 */
public final class StreamMapRunner implements MapRunnable<Object, Object, Text, Text> {
  private JobConf job;
  private String command;
  private boolean ignoreKey;
  private byte[] inputSeparator;
  private byte[] outputSeparator;
  private int keyFields;
  private boolean nonZeroIsFailure;

  @Override
  public void configure(JobConf job) {
    this.job = job;
    command = TaskSupport.command(job, StreamingKeys.MAP_COMMAND);
    // Hadoop's rule: the key (the byte offset) is dropped for TextInputFormat alone; a user's
    // CombineTextInputFormat feeds "offset<TAB>line" (Drover's own packing sets the key to true)
    Class<?> fmt = job.getClass("mapred.input.format.class", TextInputFormat.class);
    ignoreKey = job.getBoolean(StreamingKeys.MAP_INPUT_IGNORE_KEY, fmt == TextInputFormat.class);
    inputSeparator = TaskSupport.bytes(job, StreamingKeys.MAP_INPUT_SEPARATOR);
    outputSeparator = TaskSupport.bytes(job, StreamingKeys.MAP_OUTPUT_SEPARATOR);
    keyFields = job.getInt(StreamingKeys.MAP_OUTPUT_KEY_FIELDS, StreamingKeys.KEY_FIELDS_DEFAULT);
    nonZeroIsFailure = job.getBoolean(StreamingKeys.NON_ZERO_EXIT_IS_FAILURE,
        StreamingKeys.NON_ZERO_EXIT_IS_FAILURE_DEFAULT);
  }

  @Override
  public void run(RecordReader<Object, Object> input, OutputCollector<Text, Text> output,
      Reporter reporter) throws IOException {
    Map<String, String> env = TaskSupport.environment(job);
    InputSplit split;
    try {
      split = reporter.getInputSplit();
    } catch (UnsupportedOperationException e) {
      split = null;
    }
    PreCombiner pre = PreCombiner.forTask(job, env, output, reporter);
    OutputCollector<Text, Text> out = pre == null ? output : pre;
    Child.Env mapEnv = new Child.Env(env);
    if (split instanceof CombineFileSplit) {
      runPacked((CombineFileSplit) split, mapEnv, out, reporter);
    } else {
      pipe(input, mapEnv, out, reporter, job.get("mapreduce.map.input.file"));
    }
    if (pre != null) {
      pre.finish();
    }
  }

  /**
   * One command per file, in the split's order, each started with its file's environment. The
   * files are read here, not through the task's tracked reader, so their records and bytes are
   * counted here: "Bytes Read" is what the file system read for each file (checksums included)
   * from its open to its close, taken from this thread's statistics as Hadoop's tracked reader
   * takes it for a plain FileSplit (it counts none for a CombineFileSplit).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void runPacked(CombineFileSplit split, Child.Env env,
      OutputCollector<Text, Text> output, Reporter reporter) throws IOException {
    String delimiter = job.get("textinputformat.record.delimiter");
    byte[] delim = delimiter == null ? null : delimiter.getBytes(StandardCharsets.UTF_8);
    CompressionCodecFactory codecs = new CompressionCodecFactory(job);
    for (int i = 0; i < split.getNumPaths(); i++) {
      setInput(env, split, i);
      Path p = split.getPath(i);
      ThreadFsBytes bytes = ThreadFsBytes.of(p, job);
      long before = bytes.read();
      LineRecordReader reader = reader(split, i, delim, codecs);
      try {
        long records = pipe((RecordReader) reader, env, output, reporter, p.toString());
        reporter.incrCounter(TaskCounter.MAP_INPUT_RECORDS, records);
      } finally {
        reader.close();
        reporter.incrCounter(FileInputFormatCounter.BYTES_READ, bytes.read() - before);
      }
    }
  }

  /**
   * A reader of file {@code i} of the split. A whole plain file (no codec, the default line ends)
   * is read from a stream opened here: LineRecordReader's split constructor would build a codec
   * factory, copy the file-option properties out of the job and open the file through the
   * openFile builder, for each of a packed task's hundreds of files (7% of the CPU samples of a
   * {@code cat} job over 308 books). The records are the same: both read lines to the end.
   */
  private LineRecordReader reader(CombineFileSplit split, int i, byte[] delim,
      CompressionCodecFactory codecs) throws IOException {
    Path p = split.getPath(i);
    long start = split.getOffset(i);
    long length = split.getLength(i);
    if (delim == null && start == 0 && codecs.getCodec(p) == null) {
      FileSystem fs = p.getFileSystem(job);
      // a file with a checksum file: Hadoop's reader, whose split reads stop where Hadoop's do
      // (a plain stream reads one more checksum at the end: 4 bytes more "Bytes Read")
      boolean checksummed = fs instanceof ChecksumFileSystem c && fs.exists(c.getChecksumFile(p));
      if (!checksummed && fs.getFileStatus(p).getLen() == length) {
        return new LineRecordReader(fs.open(p), 0, length, job);
      }
    }
    return new LineRecordReader(job, new FileSplit(p, start, length, (String[]) null), delim);
  }

  /** The environment of file {@code i}'s command: {@code map_input_file} and friends. */
  private static void setInput(Child.Env env, CombineFileSplit split, int i) {
    for (String prefix : new String[] {"mapreduce_map_input_", "map_input_"}) {
      env.put(prefix + "file", split.getPath(i).toString());
      env.put(prefix + "start", Long.toString(split.getOffset(i)));
      env.put(prefix + "length", Long.toString(split.getLength(i)));
    }
  }

  /** The next record; a read error names the file (a truncated .gz says so). */
  private boolean next(RecordReader<Object, Object> reader, Object key, Object value,
      String inputName) throws IOException {
    try {
      return reader.next(key, value);
    } catch (IOException e) {
      String file = job.get(org.apache.hadoop.mapreduce.MRJobConfig.MAP_INPUT_FILE, inputName);
      throw file == null ? e : io.drover.common.run.BadInputException.reading(file, e);
    }
  }

  private long pipe(RecordReader<Object, Object> reader, Child.Env env,
      OutputCollector<Text, Text> output, Reporter reporter, String inputName) throws IOException {
    Object key = reader.createKey();
    Object value = reader.createValue();
    Child.LineSink sink = TaskSupport.collector(outputSeparator, keyFields, output);
    TaskSupport.ReporterFeedback fb = new TaskSupport.ReporterFeedback(reporter);
    Pipe pipe = Pipe.start("map", job, command, env, sink, fb, inputName);
    boolean offsets = key instanceof LongWritable;
    long[] lastOffset = {-1};
    if (offsets) {
      pipe.describeLastWith(() -> "at byte offset " + lastOffset[0] + " of the input");
    }
    boolean done = false;
    try {
      OutputStream out = pipe.stdin();
      while (next(reader, key, value, inputName)) {
        pipe.checkOutput();
        try {
          if (!ignoreKey) {
            write(out, key);
            out.write(inputSeparator);
          }
          write(out, value);
          out.write('\n');
        } catch (IOException e) {
          throw pipe.writeFailed(e);
        }
        pipe.fed();
        if (offsets) {
          lastOffset[0] = ((LongWritable) key).get();
        }
      }
      pipe.finish(nonZeroIsFailure);
      done = true;
      return pipe.records();
    } finally {
      if (!done) {
        pipe.abort();
      }
      TaskReports.leaveWarnings(job, "map", fb);
    }
  }

  static void write(OutputStream out, Object o) throws IOException {
    if (o instanceof Text) {
      Text t = (Text) o;
      out.write(t.getBytes(), 0, t.getLength());
    } else if (o instanceof BytesWritable) {
      BytesWritable b = (BytesWritable) o;
      out.write(b.getBytes(), 0, b.getLength());
    } else {
      out.write(o.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
