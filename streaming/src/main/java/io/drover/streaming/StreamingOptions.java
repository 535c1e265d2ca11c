package io.drover.streaming;

import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hadoop Streaming 3.4.2 command line (after generic options such as {@code -D} and
 * {@code -files}, which ToolRunner takes first), parsed into an immutable record.
 *
 * <p>As in Hadoop Streaming, {@code -input} and {@code -file} take every following argument up to
 * the next one that starts with {@code -}, and may be repeated; {@code -input} values may hold
 * globs and comma-separated lists. Drover adds {@code -dryrun N} and {@code -overwrite}. The help
 * flags ({@code -help}, {@code -info}, ...) are the tool's, which answers them before parsing.
 */
public record StreamingOptions(
    List<String> inputs,
    String output,
    String mapper,
    String combiner,
    String reducer,
    List<String> files,
    List<String> cmdenv,
    List<String> jobconf,
    Integer numReduceTasks,
    String inputFormat,
    String outputFormat,
    String partitioner,
    boolean verbose,
    boolean lazyOutput,
    Overwrite overwrite,
    int dryRun) {

  /** {@code -reducer NONE}: a map-only job. */
  public static final String REDUCE_NONE = "NONE";

  public static final String USAGE =
      String.join(
          "\n",
          "[generic options] -input <path> -output <path> [options]",
          "Options (as Hadoop Streaming 3.4.2):",
          "  -input          <path>  Input file(s), dirs or globs; repeatable, comma lists too.",
          "  -output         <path>  Output directory (must not exist unless -overwrite).",
          "  -mapper         <cmd|JavaClassName>  Command or class run as mapper.",
          "  -combiner       <cmd|JavaClassName>  Command or class run as combiner.",
          "  -reducer        <cmd|JavaClassName|NONE|aggregate>  Reducer; NONE = map-only.",
          "  -file           <file>  Ship a local file to the task's working dir (deprecated:",
          "                          use the generic option -files).",
          "  -inputformat    <TextInputFormat(default)|KeyValueTextInputFormat|",
          "                   SequenceFileInputFormat|SequenceFileAsTextInputFormat|JavaClassName>",
          "  -outputformat   <TextOutputFormat(default)|JavaClassName>",
          "  -partitioner    <JavaClassName>  e.g. org.apache.hadoop.mapred.lib."
              + "KeyFieldBasedPartitioner",
          "  -numReduceTasks <num>   Number of reduce tasks (0 = map-only).",
          "  -cmdenv         <n>=<v> Environment variable for the commands; repeatable.",
          "  -lazyOutput             Create output files lazily.",
          "  -jobconf        <n>=<v> Deprecated: use -D n=v.",
          "  -verbose                Print the job configuration before submitting.",
          "  -help, -info            Print this help.",
          "Drover additions:",
          "  -dryrun         <N>     Pipe the first N input records through map | sort |"
              + " combine | reduce",
          "                          locally, print what each stage produced, run no job.",
          "  -overwrite              Replace an existing output directory once the job succeeds,",
          "                          if it is a previous job output; -overwrite=force: any dir.",
          "Properties (-D): stream.map.output.field.separator, stream.num.map.output.key.fields,",
          "  stream.map.input.field.separator, stream.reduce.input.field.separator,",
          "  stream.reduce.output.field.separator, stream.num.reduce.output.key.fields,",
          "  stream.non.zero.exit.is.failure, stream.jobconf.truncate.limit (Drover default"
              + " 20000),",
          "  mapreduce.partition.keypartitioner.options, mapreduce.partition.keycomparator"
              + ".options,",
          "  drover.streaming.pack (pack small files into few map tasks when there is a reduce:"
              + " true),",
          "  drover.streaming.keepalive.ms (progress while the command runs: 10000; 0 = off),",
          "  drover.streaming.preflight (check commands before submitting: true).",
          "Exit codes: 0 success, 1 the job failed, 2 bad command line or paths.");

  private static final List<String> UNSUPPORTED =
      List.of(
          "-background", "-inputreader", "-io", "-mapdebug", "-reducedebug", "-dfs",
          "-additionalconfspec", "-cacheFile", "-cacheArchive", "-debug");

  public StreamingOptions {
    inputs = List.copyOf(inputs);
    files = List.copyOf(files);
    cmdenv = List.copyOf(cmdenv);
    jobconf = List.copyOf(jobconf);
  }

  /** True when the reduce phase is skipped. */
  public boolean mapOnly() {
    return REDUCE_NONE.equals(reducer) || (numReduceTasks != null && numReduceTasks == 0);
  }

  /** Parses the streaming options; the message of a failure names the flag and the value. */
  public static StreamingOptions parse(String[] args) throws UsageException {
    List<String> inputs = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<String> cmdenv = new ArrayList<>();
    List<String> jobconf = new ArrayList<>();
    String output = null;
    String mapper = null;
    String combiner = null;
    String reducer = null;
    String numReduce = null;
    String inputFormat = null;
    String outputFormat = null;
    String partitioner = null;
    String dryRun = null;
    boolean verbose = false;
    boolean lazy = false;
    Overwrite overwrite = Overwrite.NO;
    int i = 0;
    while (i < args.length) {
      String a = args[i++];
      if (!a.startsWith("-") || a.length() == 1) {
        throw new UsageException("unexpected argument '" + a + "' (options start with -)");
      }
      switch (a) {
        case "-input":
        case "-file":
          {
            int before = i;
            while (i < args.length && !args[i].startsWith("-")) {
              (a.equals("-input") ? inputs : files).add(args[i++]);
            }
            if (i == before) {
              throw new UsageException("option " + a + " needs a value");
            }
            break;
          }
        case "-output":
          output = value(a, args, i++);
          break;
        case "-mapper":
          mapper = command(a, value(a, args, i++));
          break;
        case "-combiner":
          combiner = command(a, value(a, args, i++));
          break;
        case "-reducer":
          reducer = command(a, value(a, args, i++));
          break;
        case "-numReduceTasks":
          numReduce = value(a, args, i++);
          break;
        case "-inputformat":
          inputFormat = value(a, args, i++);
          break;
        case "-outputformat":
          outputFormat = value(a, args, i++);
          break;
        case "-partitioner":
          partitioner = value(a, args, i++);
          break;
        case "-cmdenv":
          cmdenv.add(nameValue(a, value(a, args, i++)));
          break;
        case "-jobconf":
          jobconf.add(nameValue(a, value(a, args, i++)));
          break;
        case "-dryrun":
          dryRun = value(a, args, i++);
          break;
        case "-verbose":
          verbose = true;
          break;
        case "-lazyOutput":
          lazy = true;
          break;
        case "-overwrite":
        case "--overwrite":
          overwrite = Overwrite.JOB_OUTPUT;
          break;
        default:
          if (a.startsWith("-overwrite=") || a.startsWith("--overwrite=")) {
            String flag = a.substring(0, a.indexOf('='));
            overwrite = Overwrite.of(true, a.substring(a.indexOf('=') + 1), flag);
            break;
          }
          if (UNSUPPORTED.contains(a)) {
            throw new UsageException(
                "option " + a + " of Hadoop Streaming is not supported by Drover"
                    + (a.startsWith("-cache") ? "; use the generic options -files / -archives"
                        : ""));
          }
          if (a.equals("-D") || a.startsWith("-D") || a.equals("-files") || a.equals("-libjars")
              || a.equals("-archives") || a.equals("-conf")) {
            throw new UsageException(
                "generic option " + a + " must come before the streaming options"
                    + " (e.g. drover streaming -D k=v -files f -input ...)");
          }
          throw new UsageException("unknown option " + a);
      }
    }
    Integer reduces = null;
    if (numReduce != null) {
      try {
        reduces = Integer.parseInt(numReduce.trim());
      } catch (NumberFormatException e) {
        throw new UsageException("option -numReduceTasks: '" + numReduce
            + "' is not a whole number");
      }
      if (reduces < 0) {
        throw new UsageException("option -numReduceTasks: " + reduces + " is negative");
      }
    }
    int dry = 0;
    if (dryRun != null) {
      try {
        dry = Integer.parseInt(dryRun.trim());
      } catch (NumberFormatException e) {
        dry = -1;
      }
      if (dry < 1) {
        throw new UsageException("option -dryrun: '" + dryRun
            + "' is not a positive number of records");
      }
    }
    if (inputs.isEmpty()) {
      throw new UsageException("required option -input <path> is missing");
    }
    if (output == null && dry == 0) {
      throw new UsageException("required option -output <path> is missing");
    }
    return new StreamingOptions(inputs, output, mapper, combiner, reducer, files, cmdenv,
        jobconf, reduces, inputFormat, outputFormat, partitioner, verbose, lazy, overwrite,
        dry);
  }

  private static String value(String flag, String[] args, int i) throws UsageException {
    if (i >= args.length) {
      throw new UsageException("option " + flag + " needs a value");
    }
    return args[i];
  }

  private static String command(String flag, String cmd) throws UsageException {
    if (cmd.trim().isEmpty()) {
      throw new UsageException("option " + flag + ": the command is empty");
    }
    return cmd;
  }

  private static String nameValue(String flag, String nv) throws UsageException {
    int eq = nv.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("option " + flag + ": '" + nv + "' is not NAME=VALUE");
    }
    return nv;
  }
}
