package io.drover.streaming.task;

import io.drover.streaming.conf.StreamingKeys;
import io.drover.streaming.protocol.CommandResolver;
import io.drover.streaming.protocol.CommandSplitter;
import io.drover.streaming.protocol.EnvNames;
import io.drover.streaming.protocol.KeyValueSplit;
import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.OutputCollector;
import org.apache.hadoop.mapred.Reporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the map runner, combiner and reducer share: command, environment, feedback, reports. */
public final class TaskSupport {
  private static final Logger LOG = LoggerFactory.getLogger(TaskSupport.class);

  private TaskSupport() {}

  public static String command(JobConf job, String key) {
    String enc = job.get(key);
    return enc == null ? null : URLDecoder.decode(enc, StandardCharsets.UTF_8);
  }

  public static List<String> argv(String command) {
    return CommandResolver.resolve(
        CommandSplitter.split(command), new File(".").getAbsoluteFile(), System.getenv("PATH"));
  }

  public static byte[] bytes(JobConf job, String key) {
    return job.get(key, StreamingKeys.SEPARATOR_DEFAULT).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Splits a line a command wrote into key and value at the {@code keyFields}-th
   * {@code separator}; a line with fewer separators is all key, with an empty value, as in Hadoop
   * Streaming. The one home of that rule (the tasks and the dry run both use it).
   */
  public static void split(byte[] line, int length, byte[] separator, int keyFields, Text key,
      Text value) {
    int pos = KeyValueSplit.keyEnd(line, length, separator, keyFields);
    if (pos < 0) {
      key.set(line, 0, length);
      value.set(line, 0, 0);
    } else {
      key.set(line, 0, pos);
      value.set(line, pos + separator.length, length - pos - separator.length);
    }
  }

  /** A sink that {@link #split splits} each line a command writes and collects the pair. */
  static Child.LineSink collector(byte[] separator, int keyFields,
      OutputCollector<Text, Text> output) {
    Text k = new Text();
    Text v = new Text();
    return (b, len) -> {
      split(b, len, separator, keyFields, k, v);
      output.collect(k, v);
    };
  }

  static Child.Settings settings(JobConf job) {
    return new Child.Settings(
        job.get(StreamingKeys.REPORTER_PREFIX, StreamingKeys.REPORTER_PREFIX_DEFAULT),
        job.getLong(StreamingKeys.KEEPALIVE_MS, StreamingKeys.KEEPALIVE_MS_DEFAULT),
        job.getInt(StreamingKeys.STDERR_TAIL_LINES, StreamingKeys.STDERR_TAIL_LINES_DEFAULT),
        job.getLong(StreamingKeys.STDERR_MAX_LINES,
            StreamingKeys.STDERR_MAX_LINES_DEFAULT),
        System.err);
  }

  /**
   * The command's environment: the task's own, then every job configuration property (deprecated
   * names too) with non-alphanumerics turned into {@code _}, values cut at
   * stream.jobconf.truncate.limit and the total kept under a budget; then stream.addenvironment,
   * the -cmdenv entries, and TMPDIR set to the task's java.io.tmpdir.
   */
  public static Map<String, String> environment(JobConf job) {
    Map<String, String> env = new HashMap<>(System.getenv());
    JobConf conf = new JobConf(job);
    conf.setDeprecatedProperties();
    int limit = conf.getInt(StreamingKeys.TRUNCATE_LIMIT, StreamingKeys.TRUNCATE_LIMIT_DEFAULT);
    long budget = conf.getLong(StreamingKeys.ENV_BUDGET, StreamingKeys.ENV_BUDGET_DEFAULT);
    long used = 0;
    List<String> truncated = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (Map.Entry<String, String> e : conf) {
      String value;
      try {
        value = conf.get(e.getKey());
      } catch (RuntimeException ex) {
        value = e.getValue();
      }
      if (value == null) {
        continue;
      }
      String name = EnvNames.safe(e.getKey());
      if (limit > -1 && value.length() > limit) {
        value = value.substring(0, limit);
        truncated.add(name);
      }
      long size = name.length() + value.length() + 2;
      if (used + size > budget) {
        dropped.add(name);
        continue;
      }
      used += size;
      env.put(name, value);
    }
    if (!truncated.isEmpty()) {
      LOG.warn("environment values cut to {} chars ({}={}): {}", limit,
          StreamingKeys.TRUNCATE_LIMIT, limit, truncated);
    }
    if (!dropped.isEmpty()) {
      LOG.warn("job configuration exceeds {} bytes ({}); left out of the environment: {}", budget,
          StreamingKeys.ENV_BUDGET, dropped);
    }
    String add = job.get(StreamingKeys.ADD_ENVIRONMENT);
    if (add != null) {
      for (String nv : add.split(" ")) {
        String[] p = nv.split("=", 2);
        if (p.length == 2) {
          env.put(p[0], p[1]);
        }
      }
    }
    for (String enc : job.getTrimmedStringCollection(StreamingKeys.CMDENV)) {
      String nv = URLDecoder.decode(enc, StandardCharsets.UTF_8);
      int eq = nv.indexOf('=');
      if (eq > 0) {
        env.put(nv.substring(0, eq), nv.substring(eq + 1));
      }
    }
    env.put("TMPDIR", System.getProperty("java.io.tmpdir"));
    return env;
  }

  /** Counters and status go to the task's reporter; malformed lines are counted and kept. */
  static final class ReporterFeedback implements Child.Feedback {
    private volatile Reporter reporter;
    private final List<String> warnings = new ArrayList<>();

    ReporterFeedback(Reporter reporter) {
      this.reporter = reporter;
    }

    @Override
    public void counter(String group, String counter, long amount) {
      reporter.incrCounter(group, counter, amount);
    }

    @Override
    public void status(String message) {
      reporter.setStatus(message);
    }

    @Override
    public void progress() {
      reporter.progress();
    }

    @Override
    public void malformed(String warning) {
      reporter.incrCounter(StreamingKeys.COUNTER_GROUP, "Malformed reporter lines", 1);
      synchronized (warnings) {
        if (warnings.size() < 10) {
          warnings.add(warning);
        }
      }
    }

    List<String> warnings() {
      synchronized (warnings) {
        return new ArrayList<>(warnings);
      }
    }
  }
}
