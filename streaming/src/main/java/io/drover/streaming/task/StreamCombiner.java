package io.drover.streaming.task;

import io.drover.streaming.conf.StreamingKeys;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.OutputCollector;
import org.apache.hadoop.mapred.Reporter;

/**
 * The combiner command: a reducer over one map task's sorted output, with the reduce settings.
 * Where the task's {@link PreCombiner} already combined all its pairs in one batch ({@link
 * PreCombiner#combinedAll}), it passes the pairs on without starting the command.
 */
public final class StreamCombiner extends StreamReducer {
  private boolean passOn;

  @Override
  protected String commandKey() {
    return StreamingKeys.COMBINE_COMMAND;
  }

  @Override
  protected String role() {
    return "combine";
  }

  @Override
  public void configure(JobConf job) {
    super.configure(job);
    passOn = PreCombiner.combinedAll(job);
  }

  @Override
  public void reduce(Object key, Iterator<Object> values, OutputCollector<Text, Text> output,
      Reporter reporter) throws IOException {
    if (!passOn) {
      super.reduce(key, values, output, reporter);
      return;
    }
    while (values.hasNext()) {
      output.collect((Text) key, (Text) values.next());
    }
  }

  @Override
  public void close() throws IOException {
    if (!passOn) {
      super.close();
    }
  }
}
