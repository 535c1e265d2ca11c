package io.drover.streaming.conf;

/**
 * Configuration keys of the bridge, with their defaults beside them: the one place both the client
 * (which sets them) and the tasks (which read them) take them from.
 */
public final class StreamingKeys {
  private StreamingKeys() {}

  /**
   * What the client prints: {@code hadoop}, Hadoop Streaming's own log lines (the job id, {@code
   * map N% reduce M%}, the counters block, {@code Output directory:}), which tools such as mrjob
   * parse: the default, so {@code hadoop jar drover-streaming.jar} prints what Hadoop Streaming
   * prints; {@code drover}, Drover's short display, which {@code bin/drover streaming} asks for.
   */
  public static final String CLIENT_OUTPUT = "drover.streaming.client";
  public static final String CLIENT_OUTPUT_DEFAULT = "hadoop";

  /** The commands, URL-encoded (UTF-8), under Hadoop Streaming's own names. */
  public static final String MAP_COMMAND = "stream.map.streamprocessor";
  public static final String COMBINE_COMMAND = "stream.combine.streamprocessor";
  public static final String REDUCE_COMMAND = "stream.reduce.streamprocessor";

  public static final String MAP_OUTPUT_SEPARATOR = "stream.map.output.field.separator";
  public static final String MAP_OUTPUT_KEY_FIELDS = "stream.num.map.output.key.fields";
  public static final String MAP_INPUT_SEPARATOR = "stream.map.input.field.separator";
  public static final String MAP_INPUT_IGNORE_KEY = "stream.map.input.ignoreKey";
  public static final String REDUCE_INPUT_SEPARATOR = "stream.reduce.input.field.separator";
  public static final String REDUCE_OUTPUT_SEPARATOR = "stream.reduce.output.field.separator";
  public static final String REDUCE_OUTPUT_KEY_FIELDS = "stream.num.reduce.output.key.fields";
  public static final String SEPARATOR_DEFAULT = "\t";
  /** How many separator-delimited fields of an output line form the key (both *_KEY_FIELDS). */
  public static final int KEY_FIELDS_DEFAULT = 1;

  public static final String NON_ZERO_EXIT_IS_FAILURE = "stream.non.zero.exit.is.failure";
  public static final boolean NON_ZERO_EXIT_IS_FAILURE_DEFAULT = true;
  public static final String REPORTER_PREFIX = "stream.stderr.reporter.prefix";
  public static final String REPORTER_PREFIX_DEFAULT = "reporter:";

  /** Hadoop's "A=b C=d" task environment (Hadoop Streaming puts HADOOP_ROOT_LOGGER= here). */
  public static final String ADD_ENVIRONMENT = "stream.addenvironment";
  /** -cmdenv entries, each URL-encoded, joined by commas (values may hold spaces). */
  public static final String CMDENV = "drover.streaming.cmdenv";

  /**
   * Longest job configuration value exported to the environment; -1 exports everything (Hadoop
   * Streaming's default, which can fail with "Argument list too long").
   */
  public static final String TRUNCATE_LIMIT = "stream.jobconf.truncate.limit";
  public static final int TRUNCATE_LIMIT_DEFAULT = 20_000;
  /** Total bytes of exported job configuration; further values are left out, with a warning. */
  public static final String ENV_BUDGET = "drover.streaming.env.max-bytes";
  public static final long ENV_BUDGET_DEFAULT = 1L << 20;

  /** Progress is reported this often while the command runs (0 = only on output, as Hadoop). */
  public static final String KEEPALIVE_MS = "drover.streaming.keepalive.ms";
  public static final long KEEPALIVE_MS_DEFAULT = 10_000;

  /** Where tasks leave failure reports and warnings for the client (set by the client). */
  public static final String REPORT_DIR = "drover.streaming.report.dir";
  /** How many of the command's last stderr lines a failure report shows. */
  public static final String STDERR_TAIL_LINES = "drover.streaming.stderr.tail-lines";
  public static final int STDERR_TAIL_LINES_DEFAULT = 20;
  /** Plain stderr lines forwarded to the task log; -1 = all (as Hadoop). */
  public static final String STDERR_MAX_LINES = "drover.streaming.stderr.max-lines";
  public static final long STDERR_MAX_LINES_DEFAULT = -1;

  /** Pack small input files into few map tasks when a reduce phase hides the split layout. */
  public static final String PACK = "drover.streaming.pack";
  public static final boolean PACK_DEFAULT = true;
  /**
   * Packed splits per local map slot: each file costs a process start and commands work unevenly
   * per byte, so one split per slot left a slot idle for seconds at the end of the map phase
   * (3 s of 18 in the benchmark's Python word count); three let the slots even out. The splits
   * are then dealt to equal cost, bytes plus a start per file (PackedStreamInputFormat).
   */
  public static final int PACKED_SPLITS_PER_SLOT = 3;
  /**
   * Megabytes of map output a map task groups by key and pipes through a command combiner before
   * Hadoop's sort (see PreCombiner); 0 turns the pre-combine off.
   */
  public static final String PRECOMBINE_MB = "drover.streaming.precombine.mb";
  public static final long PRECOMBINE_MB_DEFAULT = 32;
  /** Check the commands on the client before submitting. */
  public static final String PREFLIGHT = "drover.streaming.preflight";
  public static final boolean PREFLIGHT_DEFAULT = true;

  /** The counter group of the bridge's own counters. */
  public static final String COUNTER_GROUP = "Drover Streaming";
}
