package io.drover.streaming.task;

import io.drover.streaming.conf.StreamingKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.OutputCollector;
import org.apache.hadoop.mapred.Reducer;
import org.apache.hadoop.mapred.Reporter;

/**
 * The reduce side of the bridge: feeds {@code key<SEP>value} lines to the reducer command, one per
 * value, keys in sorted order, and collects its stdout lines split at the Nth
 * {@code stream.reduce.output.field.separator}. A reducer with no input still runs its command,
 * and (as in Hadoop Streaming) what it prints then is discarded.
 */
public class StreamReducer implements Reducer<Object, Object, Text, Text> {
  private JobConf job;
  private String command;
  private byte[] inputSeparator;
  private byte[] outputSeparator;
  private int keyFields;
  private boolean nonZeroIsFailure;
  private Pipe pipe;
  private TaskSupport.ReporterFeedback feedback;
  private OutputStream out;
  private Object lastKey;

  /** The configuration key holding this step's command. */
  protected String commandKey() {
    return StreamingKeys.REDUCE_COMMAND;
  }

  protected String role() {
    return "reduce";
  }

  @Override
  public void configure(JobConf job) {
    this.job = job;
    command = TaskSupport.command(job, commandKey());
    inputSeparator = TaskSupport.bytes(job, StreamingKeys.REDUCE_INPUT_SEPARATOR);
    outputSeparator = TaskSupport.bytes(job, StreamingKeys.REDUCE_OUTPUT_SEPARATOR);
    keyFields =
        job.getInt(StreamingKeys.REDUCE_OUTPUT_KEY_FIELDS, StreamingKeys.KEY_FIELDS_DEFAULT);
    nonZeroIsFailure = job.getBoolean(StreamingKeys.NON_ZERO_EXIT_IS_FAILURE,
        StreamingKeys.NON_ZERO_EXIT_IS_FAILURE_DEFAULT);
  }

  @Override
  public void reduce(Object key, Iterator<Object> values, OutputCollector<Text, Text> output,
      Reporter reporter) throws IOException {
    if (pipe == null) {
      start(output, reporter);
    }
    lastKey = key;
    boolean ok = false;
    try {
      while (values.hasNext()) {
        Object value = values.next();
        pipe.checkOutput();
        try {
          StreamMapRunner.write(out, key);
          out.write(inputSeparator);
          StreamMapRunner.write(out, value);
          out.write('\n');
        } catch (IOException e) {
          throw pipe.writeFailed(e);
        }
        pipe.fed();
      }
      ok = true;
    } finally {
      if (!ok) {
        pipe.abort();
        TaskReports.leaveWarnings(job, role(), feedback);
      }
    }
  }

  private void start(OutputCollector<Text, Text> output, Reporter reporter) throws IOException {
    Child.LineSink sink = TaskSupport.collector(outputSeparator, keyFields, output);
    feedback = new TaskSupport.ReporterFeedback(reporter);
    pipe = Pipe.start(role(), job, command, new Child.Env(TaskSupport.environment(job)), sink,
        feedback, null);
    pipe.describeLastWith(() -> lastKey == null ? "" : "key '" + abbreviate(lastKey) + "'");
    out = pipe.stdin();
  }

  private static String abbreviate(Object key) {
    String s = key.toString();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  @Override
  public void close() throws IOException {
    if (pipe == null) {
      start((k, v) -> { }, Reporter.NULL);
    }
    try {
      pipe.finish(nonZeroIsFailure);
    } finally {
      TaskReports.leaveWarnings(job, role(), feedback);
    }
  }
}
