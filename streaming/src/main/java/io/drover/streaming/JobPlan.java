package io.drover.streaming;

import io.drover.common.cli.UsageException;
import io.drover.common.io.PrefixSortingBuffer;
import io.drover.common.run.InputPacking;
import io.drover.common.run.Jobs;
import io.drover.common.run.LeanMapredOutputFormat;
import io.drover.streaming.conf.StreamingKeys;
import io.drover.streaming.input.PackedStreamInputFormat;
import io.drover.streaming.task.StreamCombiner;
import io.drover.streaming.task.StreamMapRunner;
import io.drover.streaming.task.StreamReducer;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileInputFormat;
import org.apache.hadoop.mapred.FileOutputFormat;
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

/**
 * The plan: streaming options translated into the complete job {@code drover streaming} submits,
 * as Hadoop Streaming 3.4.2 would build it (old {@code org.apache.hadoop.mapred} API, a
 * {@code -mapper}/{@code -combiner}/{@code -reducer} that names a class runs that class, anything
 * else is a command run by the bridge), with Drover's packing of small inputs.
 *
 * @param job the job, complete but for its output path (the client sets a staging dir)
 * @param inputs the inputs it reads, globs expanded, each checked to exist
 */
public record JobPlan(JobConf job, List<Path> inputs) {
  public JobPlan {
    inputs = List.copyOf(inputs);
  }

  /**
   * Builds the job exactly as {@code drover streaming} submits it: tests and users call this one
   * method. The message of a UsageException names the flag and the class or path that is wrong
   * (a missing {@code -file}, an unknown class, an input that does not exist).
   */
  @SuppressWarnings("rawtypes")
  public static JobPlan createJob(Configuration base, StreamingOptions o)
      throws IOException, UsageException {
    Configuration conf = new Configuration(base);
    for (String nv : o.jobconf()) {
      int eq = nv.indexOf('=');
      conf.set(nv.substring(0, eq), nv.substring(eq + 1));
    }
    Map<String, File> shipped = Shipping.shipFiles(conf, o.files());
    JobConf job = new JobConf(conf, StreamingTool.class);
    job.setJobName(conf.get("mapreduce.job.name", "streaming " + describe(o)));
    for (String in : o.inputs()) {
      FileInputFormat.addInputPaths(job, in);
    }
    job.setInputFormat(inputFormat(job, o.inputFormat()));
    job.set(StreamingKeys.ADD_ENVIRONMENT, "HADOOP_ROOT_LOGGER=");
    List<String> env = new ArrayList<>();
    for (String nv : o.cmdenv()) {
      env.add(encode(nv));
    }
    job.setStrings(StreamingKeys.CMDENV, env.toArray(new String[0]));
    job.setUseNewMapper(false);
    job.setUseNewReducer(false);

    boolean mapperIsCommand = false;
    if (o.mapper() != null) {
      Class<? extends Mapper> c = classOrCommand(
          job, "-mapper", o.mapper(), Mapper.class, StreamingKeys.MAP_COMMAND, shipped);
      mapperIsCommand = c == null;
      if (c != null) {
        job.setMapperClass(c);
      } else {
        job.setMapRunnerClass(StreamMapRunner.class);
      }
    }
    if (o.combiner() != null) {
      Class<? extends Reducer> c = classOrCommand(
          job, "-combiner", o.combiner(), Reducer.class, StreamingKeys.COMBINE_COMMAND, shipped);
      job.setCombinerClass(c != null ? c : StreamCombiner.class);
    }
    if (o.numReduceTasks() != null) {
      job.setNumReduceTasks(o.numReduceTasks());
    }
    if (StreamingOptions.REDUCE_NONE.equals(o.reducer())) {
      job.setNumReduceTasks(0);
    }
    boolean reducerIsCommand = false;
    boolean reducerIsUsersClass = false;
    if (o.reducer() != null && job.getNumReduceTasks() != 0) {
      if (o.reducer().equalsIgnoreCase("aggregate")) {
        job.setReducerClass(ValueAggregatorReducer.class);
        job.setCombinerClass(ValueAggregatorCombiner.class);
      } else {
        Class<? extends Reducer> c = classOrCommand(
            job, "-reducer", o.reducer(), Reducer.class, StreamingKeys.REDUCE_COMMAND, shipped);
        reducerIsCommand = c == null;
        reducerIsUsersClass = c != null;
        job.setReducerClass(c != null ? c : StreamReducer.class);
      }
    }
    if (job.getNumReduceTasks() > 0 && !reducerIsUsersClass) {
      // a command (its own process), the identity or aggregate reducer keep little in the task's
      // heap: the map outputs can stay there instead of going through a merge on disk
      Jobs.readReduceInputFromMemory(job);
    }
    if (job.getNumReduceTasks() > 0) {
      // the map side's sort compares key prefixes first (where the keys are Text in Text's order)
      PrefixSortingBuffer.use(job);
    }
    if (mapperIsCommand) {
      job.setMapOutputKeyClass(Text.class);
      job.setMapOutputValueClass(Text.class);
    }
    if (reducerIsCommand || (mapperIsCommand && job.getNumReduceTasks() == 0)) {
      job.setOutputKeyClass(Text.class);
      job.setOutputValueClass(Text.class);
    }
    Class<? extends OutputFormat> fmt = o.outputFormat() == null ? TextOutputFormat.class
        : requiredClass(job, "-outputformat", o.outputFormat(), OutputFormat.class);
    if (o.lazyOutput()) {
      LazyOutputFormat.setOutputFormatClass(job, fmt);
    } else if (FileOutputFormat.class.isAssignableFrom(fmt)) {
      // the same files and Bytes Written, without Hadoop's statistics walk around every record
      LeanMapredOutputFormat.use(job, fmt.asSubclass(FileOutputFormat.class));
    } else {
      job.setOutputFormat(fmt);
    }
    if (o.partitioner() != null) {
      job.setPartitionerClass(
          requiredClass(job, "-partitioner", o.partitioner(), Partitioner.class));
    }
    boolean pack = mapperIsCommand && o.inputFormat() == null && job.getNumReduceTasks() > 0
        && job.getBoolean(StreamingKeys.PACK, StreamingKeys.PACK_DEFAULT);
    if (pack) {
      job.setInputFormat(PackedStreamInputFormat.class);
      // the command gets lines alone, as from the TextInputFormat the command line implies
      job.setBoolean(StreamingKeys.MAP_INPUT_IGNORE_KEY,
          job.getBoolean(StreamingKeys.MAP_INPUT_IGNORE_KEY, true));
    }
    List<Path> inputs =
        InputPacking.resolveInputs(job, Arrays.asList(FileInputFormat.getInputPaths(job)));
    if (CombineTextInputFormat.class.isAssignableFrom(job.getClass(
        "mapred.input.format.class", TextInputFormat.class, InputFormat.class))) {
      job.setLong("mapreduce.input.fileinputformat.split.maxsize",
          InputPacking.splitBytes(job, inputs, StreamingKeys.PACKED_SPLITS_PER_SLOT));
    }
    return new JobPlan(job, inputs);
  }

  private static String describe(StreamingOptions o) {
    return "-mapper " + o.mapper() + (o.reducer() == null ? "" : " -reducer " + o.reducer());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
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
    return requiredClass(job, "-inputformat", spec, InputFormat.class);
  }

  /**
   * The class a -mapper, -combiner or -reducer names, checked to be a {@code wanted}; or, when
   * {@code spec} names no class on the classpath, null after storing it as the step's command
   * under {@code commandKey} (URL-encoded; a shipped program runs by its bare name).
   */
  private static <T> Class<? extends T> classOrCommand(JobConf job, String flag, String spec,
      Class<T> wanted, String commandKey, Map<String, File> shipped)
      throws UsageException, IOException {
    Class<?> c = classOrNull(job, spec);
    if (c != null) {
      return checked(flag, c, wanted);
    }
    job.set(commandKey, encode(Shipping.unqualify(spec, shipped)));
    return null;
  }

  /** The class an option that takes only a class names (-inputformat, -partitioner, ...). */
  private static <T> Class<? extends T> requiredClass(Configuration conf, String flag,
      String spec, Class<T> wanted) throws UsageException {
    Class<?> c = classOrNull(conf, spec);
    if (c == null) {
      throw new UsageException("option " + flag + ": class not found: " + spec);
    }
    return checked(flag, c, wanted);
  }

  /** A class when {@code spec} names one on the classpath, else null (then it is a command). */
  private static Class<?> classOrNull(Configuration conf, String spec) {
    if (spec.indexOf(' ') >= 0 || spec.indexOf('/') >= 0 || spec.isEmpty()) {
      return null;
    }
    try {
      return conf.getClassByName(spec);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static <T> Class<? extends T> checked(String flag, Class<?> c, Class<T> wanted)
      throws UsageException {
    if (!wanted.isAssignableFrom(c)) {
      throw new UsageException("option " + flag + ": " + c.getName() + " is not an "
          + wanted.getName() + " (Hadoop Streaming uses the old org.apache.hadoop.mapred API)");
    }
    return c.asSubclass(wanted);
  }
}
