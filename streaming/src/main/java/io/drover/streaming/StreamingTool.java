package io.drover.streaming;

import io.drover.common.cli.UsageException;
import io.drover.common.run.DroverTool;
import io.drover.common.run.InputPacking;
import io.drover.common.run.JobFailedException;
import io.drover.common.run.Jobs;
import io.drover.common.run.OutputCommit;
import io.drover.streaming.protocol.CommandSplitter;
import io.drover.streaming.task.StreamCombiner;
import io.drover.streaming.task.StreamMapRunner;
import io.drover.streaming.task.StreamReducer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileInputFormat;
import org.apache.hadoop.mapred.InputFormat;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.KeyValueTextInputFormat;
import org.apache.hadoop.mapred.Mapper;
import org.apache.hadoop.mapred.OutputFormat;
import org.apache.hadoop.mapred.Partitioner;
import org.apache.hadoop.mapred.Reducer;
import org.apache.hadoop.mapred.SequenceFileAsTextInputFormat;
import org.apache.hadoop.mapred.SequenceFileInputFormat;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.hadoop.mapred.TextOutputFormat;
import org.apache.hadoop.mapred.lib.CombineTextInputFormat;
import org.apache.hadoop.mapred.lib.LazyOutputFormat;
import org.apache.hadoop.mapred.lib.aggregate.ValueAggregatorCombiner;
import org.apache.hadoop.mapred.lib.aggregate.ValueAggregatorReducer;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code drover streaming}: runs commands as mapper, combiner and reducer over stdin/stdout with
 * Hadoop Streaming 3.4.2's command line and behaviour (old-API part files {@code part-00000},
 * the same key/value rules, environment and reporter protocol), plus a preflight of the commands,
 * a dry run, all-or-nothing output and failure reports that show why a command failed.
 */
public final class StreamingTool extends DroverTool {
  private Counters counters;

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new StreamingTool(), args));
  }

  @Override
  protected String name() {
    return "streaming";
  }

  @Override
  protected String usage() {
    return StreamingOptions.USAGE;
  }

  /** The counters of the last job this tool ran (null before one ran, or if unavailable). */
  public Counters counters() {
    return counters;
  }

  @Override
  protected void execute(String[] args) throws Exception {
    StreamingOptions o = StreamingOptions.parse(args);
    if (o.help()) {
      System.out.println("Usage: " + name() + " " + usage());
      return;
    }
    Configuration conf = new Configuration(getConf());
    JobConf job = createJob(conf, o);
    List<Path> inputs =
        InputPacking.resolveInputs(job, Arrays.asList(FileInputFormat.getInputPaths(job)));
    if (job.getBoolean(StreamingKeys.PREFLIGHT, true)) {
      preflight(job, o);
    }
    if (o.dryRun() > 0) {
      new DryRun(job, err()).run(inputs, o.dryRun());
      return;
    }
    if (job.getInputFormat() instanceof CombineTextInputFormat) {
      long max = job.getLong(InputPacking.SPLIT_MAX_BYTES, -1);
      job.setLong("mapreduce.input.fileinputformat.split.maxsize",
          max > 0 ? max : InputPacking.defaultSplitBytes(job, inputs));
    }
    try (OutputCommit out = OutputCommit.prepare(job, new Path(o.output()), o.overwrite(),
        inputs)) {
      org.apache.hadoop.mapred.FileOutputFormat.setOutputPath(job, out.staging());
      Path reports = out.temp("reports");
      job.set(StreamingKeys.REPORT_DIR, reports.toString());
      if (o.verbose()) {
        printConf(job);
      }
      Job j = Job.getInstance(job);
      try {
        counters = Jobs.runToSuccess(j); // fetched at once: later the AM may be gone
      } catch (JobFailedException e) {
        String why = reports(job, reports, "failed");
        String msg = e.getMessage().endsWith(": NA")
            ? e.getMessage().substring(0, e.getMessage().length() - 4) : e.getMessage();
        throw new JobFailedException(msg + (why.isEmpty() ? "" : "\n" + why));
      }
      String warnings = reports(job, reports, "warn");
      if (!warnings.isEmpty()) {
        err().println("streaming: WARNING: the commands wrote reporter lines that were ignored:");
        err().print(warnings);
      }
      out.commit();
      err().println("streaming: output written to " + out.output());
    }
  }

  /**
   * The job exactly as {@code drover streaming} submits it, before its output path is set; the
   * message of a UsageException names the flag and the class or path that is wrong.
   */
  public static JobConf createJob(Configuration base, StreamingOptions o)
      throws IOException, UsageException {
    Configuration conf = new Configuration(base);
    for (String nv : o.jobconf()) {
      int eq = nv.indexOf('=');
      conf.set(nv.substring(0, eq), nv.substring(eq + 1));
    }
    Map<String, File> shippedByFile = shipFiles(conf, o.files());
    JobConf job = new JobConf(conf, StreamingTool.class);
    job.setJobName(conf.get("mapreduce.job.name", "streaming " + describe(o)));
    for (String in : o.inputs()) {
      FileInputFormat.addInputPaths(job, in);
    }
    job.setInputFormat(inputFormat(job, o.inputFormat()));
    job.set(StreamingKeys.ADD_ENVIRONMENT, "HADOOP_ROOT_LOGGER=");
    List<String> env = new ArrayList<>();
    for (String nv : o.cmdenv()) {
      env.add(URLEncoder.encode(nv, StandardCharsets.UTF_8));
    }
    job.setStrings(StreamingKeys.CMDENV, env.toArray(new String[0]));
    job.setUseNewMapper(false);
    job.setUseNewReducer(false);

    boolean mapperIsCommand = false;
    if (o.mapper() != null) {
      Class<?> c = classOrNull(job, o.mapper());
      if (c != null) {
        job.setMapperClass(checked("-mapper", c, Mapper.class).asSubclass(Mapper.class));
      } else {
        mapperIsCommand = true;
        job.setMapRunnerClass(StreamMapRunner.class);
        job.set(StreamingKeys.MAP_COMMAND, encode(unqualify(o.mapper(), shippedByFile)));
      }
    }
    if (o.combiner() != null) {
      Class<?> c = classOrNull(job, o.combiner());
      if (c != null) {
        job.setCombinerClass(checked("-combiner", c, Reducer.class).asSubclass(Reducer.class));
      } else {
        job.setCombinerClass(StreamCombiner.class);
        job.set(StreamingKeys.COMBINE_COMMAND, encode(unqualify(o.combiner(), shippedByFile)));
      }
    }
    if (o.numReduceTasks() != null) {
      job.setNumReduceTasks(o.numReduceTasks());
    }
    boolean reducerIsCommand = false;
    if (o.reducer() != null) {
      if (o.reducer().equals(StreamingOptions.REDUCE_NONE)) {
        job.setNumReduceTasks(0);
      }
      if (job.getNumReduceTasks() != 0) {
        if (o.reducer().equalsIgnoreCase("aggregate")) {
          job.setReducerClass(ValueAggregatorReducer.class);
          job.setCombinerClass(ValueAggregatorCombiner.class);
        } else {
          Class<?> c = classOrNull(job, o.reducer());
          if (c != null) {
            job.setReducerClass(checked("-reducer", c, Reducer.class).asSubclass(Reducer.class));
          } else {
            reducerIsCommand = true;
            job.setReducerClass(StreamReducer.class);
            job.set(StreamingKeys.REDUCE_COMMAND, encode(unqualify(o.reducer(), shippedByFile)));
          }
        }
      }
    }
    if (mapperIsCommand) {
      job.setMapOutputKeyClass(Text.class);
      job.setMapOutputValueClass(Text.class);
      if (job.getNumReduceTasks() == 0) {
        job.setOutputKeyClass(Text.class);
        job.setOutputValueClass(Text.class);
      }
    }
    if (reducerIsCommand) {
      job.setOutputKeyClass(Text.class);
      job.setOutputValueClass(Text.class);
    }
    Class<? extends OutputFormat> fmt = TextOutputFormat.class;
    if (o.outputFormat() != null) {
      Class<?> c = classOrNull(job, o.outputFormat());
      if (c == null) {
        throw new UsageException("option -outputformat: class not found: " + o.outputFormat());
      }
      fmt = checked("-outputformat", c, OutputFormat.class).asSubclass(OutputFormat.class);
    }
    if (o.lazyOutput()) {
      LazyOutputFormat.setOutputFormatClass(job, fmt);
    } else {
      job.setOutputFormat(fmt);
    }
    if (o.partitioner() != null) {
      Class<?> c = classOrNull(job, o.partitioner());
      if (c == null) {
        throw new UsageException("option -partitioner: class not found: " + o.partitioner());
      }
      job.setPartitionerClass(
          checked("-partitioner", c, Partitioner.class).asSubclass(Partitioner.class));
    }
    boolean pack = mapperIsCommand && o.inputFormat() == null && job.getNumReduceTasks() > 0
        && job.getBoolean(StreamingKeys.PACK, true);
    if (pack) {
      job.setInputFormat(CombineTextInputFormat.class);
    }
    return job;
  }

  private static String describe(StreamingOptions o) {
    return "-mapper " + o.mapper() + (o.reducer() == null ? "" : " -reducer " + o.reducer());
  }

  private static String encode(String cmd) {
    return URLEncoder.encode(cmd, StandardCharsets.UTF_8);
  }

  /**
   * Ships -file paths as -files does, and returns them by the name they get in the task's
   * working dir. Hadoop Streaming then runs a command whose program is one of them by that name.
   */
  private static Map<String, File> shipFiles(Configuration conf, List<String> files)
      throws IOException, UsageException {
    Map<String, File> byName = new LinkedHashMap<>();
    if (files.isEmpty()) {
      return byName;
    }
    FileSystem local = FileSystem.getLocal(conf);
    List<String> qualified = new ArrayList<>();
    for (String f : files) {
      File file = new File(f);
      if (!file.exists()) {
        throw new UsageException("option -file: no such local file: " + file.getAbsolutePath());
      }
      if (!file.canRead()) {
        throw new UsageException("option -file: cannot read " + file.getAbsolutePath());
      }
      qualified.add(local.makeQualified(new Path(file.getAbsolutePath())).toString());
      byName.put(file.getCanonicalPath(), file);
    }
    String tmp = conf.get("tmpfiles", "");
    conf.set("tmpfiles", (tmp.isEmpty() ? "" : tmp + ",") + String.join(",", qualified));
    return byName;
  }

  /** As Hadoop Streaming: a command whose program is a -file runs by its bare name. */
  private static String unqualify(String cmd, Map<String, File> shippedByCanonical)
      throws IOException {
    if (shippedByCanonical.isEmpty()) {
      return cmd;
    }
    int sp = cmd.indexOf(' ');
    String prog = sp < 0 ? cmd : cmd.substring(0, sp);
    String canon;
    try {
      canon = new File(prog).getCanonicalPath();
    } catch (IOException e) {
      return cmd;
    }
    if (!shippedByCanonical.containsKey(canon)) {
      return cmd;
    }
    return new File(prog).getName() + (sp < 0 ? "" : cmd.substring(sp));
  }

  @SuppressWarnings("rawtypes")
  private static Class<? extends InputFormat> inputFormat(JobConf job, String spec)
      throws UsageException {
    if (spec == null) {
      return TextInputFormat.class;
    }
    for (Class<? extends InputFormat> known : List.of(TextInputFormat.class,
        KeyValueTextInputFormat.class, SequenceFileInputFormat.class,
        SequenceFileAsTextInputFormat.class)) {
      if (spec.equals(known.getName()) || spec.equals(known.getSimpleName())) {
        return known;
      }
    }
    Class<?> c = classOrNull(job, spec);
    if (c == null) {
      throw new UsageException("option -inputformat: class not found: " + spec);
    }
    return checked("-inputformat", c, InputFormat.class).asSubclass(InputFormat.class);
  }

  /** A class when {@code spec} names one on the classpath, else null (then it is a command). */
  static Class<?> classOrNull(Configuration conf, String spec) {
    if (spec.indexOf(' ') >= 0 || spec.indexOf('/') >= 0 || spec.isEmpty()) {
      return null;
    }
    try {
      return conf.getClassByName(spec);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static Class<?> checked(String flag, Class<?> c, Class<?> wanted)
      throws UsageException {
    if (!wanted.isAssignableFrom(c)) {
      throw new UsageException("option " + flag + ": " + c.getName() + " is not an "
          + wanted.getName() + " (Hadoop Streaming uses the old org.apache.hadoop.mapred API)");
    }
    return c;
  }

  static boolean isLocal(Configuration conf) {
    return MRConfig.LOCAL_FRAMEWORK_NAME.equals(
        conf.get(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME));
  }

  /** Checks every command; fatal problems become a UsageException listing all of them. */
  void preflight(JobConf job, StreamingOptions o) throws UsageException, IOException {
    boolean local = isLocal(job);
    Map<String, File> shipped = shippedFiles(job);
    List<String> fatal = new ArrayList<>();
    String[][] steps = {
      {"-mapper", job.get(StreamingKeys.MAP_COMMAND)},
      {"-combiner", job.get(StreamingKeys.COMBINE_COMMAND)},
      {"-reducer", job.get(StreamingKeys.REDUCE_COMMAND)}
    };
    File cwd = new File(".").getAbsoluteFile();
    for (String[] s : steps) {
      if (s[1] == null) {
        continue;
      }
      String cmd = java.net.URLDecoder.decode(s[1], StandardCharsets.UTF_8);
      for (Preflight.Problem p :
          Preflight.check(s[0], cmd, shipped, cwd, System.getenv("PATH"), local)) {
        if (p.fatal()) {
          fatal.add(p.message());
        } else {
          err().println("streaming: WARNING: " + p.message());
        }
      }
    }
    if (!fatal.isEmpty()) {
      throw new UsageException(String.join("\n" + name() + ": ", fatal)
          + "\n(nothing was submitted; -D " + StreamingKeys.PREFLIGHT
          + "=false skips these checks)");
    }
  }

  /** Files reaching the task's working dir: -files and -file entries, by their link name. */
  static Map<String, File> shippedFiles(Configuration conf) {
    Map<String, File> out = new LinkedHashMap<>();
    for (String entry : conf.getTrimmedStringCollection("tmpfiles")) {
      URI uri;
      try {
        uri = new URI(entry);
      } catch (java.net.URISyntaxException e) {
        continue;
      }
      String name = uri.getFragment() != null ? uri.getFragment()
          : new Path(uri.getPath()).getName();
      File local = null;
      if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
        local = new File(uri.getPath());
      }
      out.put(name, local);
    }
    return out;
  }

  private static String reports(Configuration conf, Path dir, String ext) {
    StringBuilder b = new StringBuilder();
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return "";
      }
      FileStatus[] files = fs.listStatus(dir, p -> p.getName().endsWith("." + ext));
      Arrays.sort(files);
      for (FileStatus f : files) {
        try (InputStream in = fs.open(f.getPath())) {
          b.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      return "";
    }
    return b.toString();
  }

  private static void printConf(JobConf job) {
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : job) {
      sorted.put(e.getKey(), e.getValue());
    }
    System.out.println("STREAM: ==== JobConf properties:");
    sorted.forEach((k, v) -> System.out.println("STREAM: " + k + "=" + v));
    System.out.println("STREAM: ====");
    System.out.println("STREAM: mapper argv " + argvOf(job, StreamingKeys.MAP_COMMAND));
  }

  private static List<String> argvOf(JobConf job, String key) {
    String enc = job.get(key);
    return enc == null ? List.of()
        : CommandSplitter.split(java.net.URLDecoder.decode(enc, StandardCharsets.UTF_8));
  }

}
