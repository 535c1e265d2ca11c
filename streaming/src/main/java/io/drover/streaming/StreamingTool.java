package io.drover.streaming;

import io.drover.common.run.DroverTool;
import io.drover.common.run.JobFailedException;
import io.drover.common.run.Jobs;
import io.drover.common.run.ManifestWriter;
import io.drover.common.run.OutputCommit;
import io.drover.streaming.conf.StreamingKeys;
import io.drover.streaming.protocol.CommandSplitter;
import io.drover.streaming.task.TaskSupport;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.FileOutputFormat;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;

/**
 * {@code drover streaming}: runs commands as mapper, combiner and reducer over stdin/stdout with
 * Hadoop Streaming 3.4.2's command line and behaviour (old-API part files {@code part-00000},
 * the same key/value rules, environment and reporter protocol), plus a preflight of the commands,
 * a dry run, all-or-nothing output and failure reports that show why a command failed.
 *
 * <p>The driver only sequences the parts: {@link StreamingOptions} (the command line), {@link
 * JobPlan} (the job it describes), {@link Preflight} (the commands checked), {@link DryRun}, the
 * run with its output committed by {@link OutputCommit}, and {@link FailureReport}.
 */
public final class StreamingTool extends DroverTool {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamingTool.class);
  private Counters counters;

  public static void main(String[] args) throws Exception {
    launch(new StreamingTool(), args);
  }

  public StreamingTool() {
    super("streaming", StreamingOptions.USAGE);
  }

  /** Hadoop Streaming's {@code -info} asks for the usage too. */
  @Override
  protected boolean isHelpFlag(String arg) {
    return super.isHelpFlag(arg) || arg.equals("-info");
  }

  /** The counters of the last job this tool ran (null before one ran, or if unavailable). */
  public Counters counters() {
    return counters;
  }

  @Override
  protected void execute(String[] args) throws Exception {
    StreamingOptions o = StreamingOptions.parse(args);
    JobPlan plan = JobPlan.createJob(new Configuration(getConf()), o);
    JobConf job = plan.job();
    if (job.getBoolean(StreamingKeys.PREFLIGHT, StreamingKeys.PREFLIGHT_DEFAULT)) {
      Preflight.checkCommands(job, name(), err());
    }
    if (o.dryRun() > 0) {
      new DryRun(job, err()).run(plan.inputs(), o.dryRun());
      return;
    }
    try (OutputCommit out =
        OutputCommit.prepare(job, new Path(o.output()), o.overwrite(), plan.inputs())) {
      FileOutputFormat.setOutputPath(job, out.staging());
      Path reports = out.temp("reports");
      job.set(StreamingKeys.REPORT_DIR, reports.toString());
      if (o.verbose()) {
        printConf(job);
      }
      boolean hadoopOutput = hadoopOutput(job);
      if (hadoopOutput) { // Hadoop's client log: "Running job:", progress, the counters block
        job.set(Jobs.PROGRESS, "hadoop");
      }
      Job running = Job.getInstance(job);
      try {
        counters = Jobs.runToSuccess(running); // now: later the AM may be gone
      } catch (JobFailedException e) {
        throw FailureReport.explain(e, job, reports);
      }
      FailureReport.printWarnings(job, reports, name(), err());
      out.commit(); // with the run manifest, which DroverTool's recorder writes
      Path manifestPath = ManifestWriter.path(out.output());
      if (hadoopOutput) {
        // as Hadoop's StreamJob logs it, the -output argument as given (mrjob reads it)
        LOG.info("Output directory: " + o.output());
        LOG.info("Run manifest: " + manifestPath);
      } else {
        err().println(name() + ": output written to " + out.output() + " (how it was made: "
            + manifestPath + ")");
      }
    }
  }

  /** The lines printed at the end of {@link #execute} name the run manifest already. */
  @Override
  protected void manifestWritten(String path) {}

  /**
   * Whether the client prints Hadoop Streaming's lines ({@link StreamingKeys#CLIENT_OUTPUT}): a
   * {@code -D} wins, then the launcher's system property, then Hadoop's way.
   */
  static boolean hadoopOutput(Configuration conf) {
    String mode = conf.get(StreamingKeys.CLIENT_OUTPUT, System.getProperty(
        StreamingKeys.CLIENT_OUTPUT, StreamingKeys.CLIENT_OUTPUT_DEFAULT));
    return !mode.equals("drover");
  }

  /** {@code -verbose}, as Hadoop Streaming prints it. */
  private static void printConf(JobConf job) {
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : job) {
      sorted.put(e.getKey(), e.getValue());
    }
    System.out.println("STREAM: ==== JobConf properties:");
    sorted.forEach((k, v) -> System.out.println("STREAM: " + k + "=" + v));
    System.out.println("STREAM: ====");
    String mapper = TaskSupport.command(job, StreamingKeys.MAP_COMMAND);
    System.out.println("STREAM: mapper argv "
        + (mapper == null ? List.of() : CommandSplitter.split(mapper)));
  }
}
