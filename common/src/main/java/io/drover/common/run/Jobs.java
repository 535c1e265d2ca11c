package io.drover.common.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.CounterGroup;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobCounter;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormatCounter;

/** Submitting jobs, showing their progress, and checking that they really succeeded. */
public final class Jobs {
  /** Hadoop's own client output (progress lines and the full counter dump) instead of Drover's. */
  public static final String VERBOSE = "drover.verbose";
  /**
   * How progress is shown: {@code auto} (a live line when the client runs on a terminal, plain
   * lines otherwise), {@code tty}, {@code plain}, {@code off}, or {@code hadoop}: Hadoop's own
   * client log (the job id, {@code map N% reduce M%}, the counters block), which tools parse,
   * without {@link #VERBOSE}'s stack traces. The launcher sets {@code tty}
   * when stderr is a terminal (the JVM alone can only ask about stdout).
   */
  public static final String PROGRESS = "drover.progress";
  /**
   * How often the client looks at a running job: 10 ms in local mode (an in-process check, and
   * how soon a job of one iteration is seen to end), 1 s on a cluster.
   */
  public static final String POLL_MS = "drover.progress.poll.ms";
  /** The terminal's width in columns, measured by the launcher (the JVM cannot ask). */
  public static final String COLUMNS = "drover.columns";

  /**
   * Hadoop's share of the reduce task's heap that may keep map outputs while the reduce runs; its
   * default 0.0 merges every map output through disk first.
   */
  public static final String REDUCE_INPUT_BUFFER = "mapreduce.reduce.input.buffer.percent";
  /** Drover's value for a reduce that keeps little in memory of its own (see below). */
  public static final String REDUCE_INPUT_BUFFER_DEFAULT = "0.5";

  /** What Hadoop's JobStatus gives as the failure info when it has none (always, in local mode). */
  static final String NO_FAILURE_INFO = "NA";

  private Jobs() {}

  /**
   * Sets {@code key} for a Drover job unless the user set it: a value that comes only from
   * Hadoop's {@code *-default.xml} files counts as unset (unlike {@link
   * Configuration#setIfUnset}, which sees those defaults as set once a JobConf has loaded them).
   * So what Drover needs to be fast holds under plain {@code hadoop jar} too, and a {@code -D},
   * {@code -conf} or site file of the user's still wins.
   */
  public static void setDefault(Configuration conf, String key, String value) {
    String[] sources = conf.getPropertySources(key);
    if (sources != null && sources.length > 0 && !LeanJobConf.fromDefaultsOnly(sources)) {
      return; // set by a site file, -conf, -D or the program
    }
    conf.set(key, value, "Drover's default");
  }

  /**
   * Lets the reduce read its input from memory (half its heap for map outputs) instead of
   * Hadoop's default, which first merges every map output through a disk file, unless the user set
   * {@link #REDUCE_INPUT_BUFFER} ({@link #setDefault}). For a reduce that keeps little in memory
   * of its own: word count's sum, a streaming command (a separate process). Measured: word count
   * 2.8 s instead of 3.2 s on gutenberg-medium.
   */
  public static void readReduceInputFromMemory(Configuration conf) {
    setDefault(conf, REDUCE_INPUT_BUFFER, REDUCE_INPUT_BUFFER_DEFAULT);
  }

  /** {@link #runToSuccess(Job, PrintStream)} with progress on standard error. */
  public static Counters runToSuccess(Job job) throws IOException, JobFailedException {
    return runToSuccess(job, System.err);
  }

  /**
   * Submits {@code job}, shows its progress on {@code out} and a short summary when it ends,
   * waits, and throws when it did not succeed, with Hadoop's own failure reason (the failed task
   * and its error) in the message. Returns the job's counters, fetched at once: on a cluster a
   * finished job's ApplicationMaster goes away and the history server may not know the job yet,
   * so asking later can fail. Null when they cannot be had; the job still succeeded. In a
   * {@link DroverTool}'s run, the job (name, id, wall time, counters) goes into its run manifest
   * ({@link RunRecorder}).
   */
  public static Counters runToSuccess(Job job, PrintStream out)
      throws IOException, JobFailedException {
    return runToSuccess(job, out, false);
  }

  /**
   * {@link #runToSuccess(Job, PrintStream)}; {@code checkedAfter}: the caller still checks the
   * result (bad-record limits, say) and may refuse it, so the summary says the job "finished",
   * not that it "succeeded".
   */
  public static Counters runToSuccess(Job job, PrintStream out, boolean checkedAfter)
      throws IOException, JobFailedException {
    LocalFailure local = InputPacking.isLocal(job.getConfiguration())
        ? LocalFailure.watch(job.getConfiguration().getBoolean(VERBOSE, false)) : null;
    long start = System.currentTimeMillis();
    try {
      if (!runAndWait(job, out, checkedAfter)) {
        // the run may go on without it (sql retries without broadcast joins): in its manifest
        ManifestWriter.recordJob(job, System.currentTimeMillis() - start, false, null);
        String why = "";
        try {
          JobStatus status = job.getStatus();
          String info = status == null ? null : status.getFailureInfo();
          if (info != null && !info.isEmpty() && !info.equals(NO_FAILURE_INFO)) {
            why = ": " + info;
          }
        } catch (IOException | InterruptedException | RuntimeException e) {
          why = "";
        }
        if (local != null) { // waits for LocalJobRunner's error, which it logs after FAILED
          String logged = local.reason(String.valueOf(job.getJobID()));
          why = why.isEmpty() ? logged : why;
        }
        throw new JobFailedException(
            "job '" + job.getJobName() + "' (" + job.getJobID() + ") failed" + why);
      }
    } finally {
      if (local != null) {
        local.close();
      }
    }
    Counters counters;
    try {
      counters = job.getCounters();
    } catch (IOException e) {
      counters = null;
    }
    ManifestWriter.recordJob(job, System.currentTimeMillis() - start, true, counters);
    return counters;
  }

  private static boolean runAndWait(Job job, PrintStream out, boolean checkedAfter)
      throws IOException, JobFailedException {
    try {
      Configuration conf = job.getConfiguration();
      long start = System.currentTimeMillis();
      boolean verbose = conf.getBoolean(VERBOSE, false)
          || conf.get(PROGRESS, System.getProperty(PROGRESS, "auto")).equals("hadoop");
      if (verbose) {
        hadoopsClientLog(); // before the submission, which YARN's client logs
      }
      sizeLocalSortBuffer(conf);
      SharedJobJar.apply(job, out); // on a cluster: the one copy of the jar every job uses
      // the one place Drover submits a job: noted at once in the run's work dir, so a later run
      // can stop the job should this client die while it runs (OutputCommit)
      job.submit();
      OutputCommit.recordJob(conf, String.valueOf(job.getJobID()));
      if (verbose) {
        return job.waitForCompletion(true);
      }
      return watch(job, out, conf, start, checkedAfter);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobFailedException("interrupted while waiting for job '" + job.getJobName() + "'");
    } catch (ClassNotFoundException e) {
      throw new JobFailedException("job '" + job.getJobName() + "': class not found: " + e.getMessage());
    }
  }

  /** Hadoop's map-side sort buffer, in MB (its default: 100). */
  static final String SORT_MB = "mapreduce.task.io.sort.mb";
  /** The smallest sort buffer {@link #sizeLocalSortBuffer} gives a map task, in MB. */
  static final int MIN_LOCAL_SORT_MB = 8;

  /**
   * In local mode every map task of a job with a reduce allocates Hadoop's whole sort buffer (100
   * MB) in the client's own heap, however small its split: a job cut into many small splits
   * allocated and zeroed 100 MB per task, two at a time, and one such job (430 splits of 1,000
   * bytes) died of "Java heap space" in a 1 GB JVM as G1 found no 100 MB of contiguous regions.
   * So when the job's splits are bounded ({@code mapreduce.input.fileinputformat.split.maxsize},
   * set by {@link InputPacking}) a local task gets four times its split (map output is rarely
   * more; when it is the task spills, as it would anyway), at least {@link #MIN_LOCAL_SORT_MB}
   * and never more than Hadoop's own value. A user's or a program's own setting wins.
   */
  static void sizeLocalSortBuffer(Configuration conf) {
    long split = conf.getLong(FileInputFormat.SPLIT_MAXSIZE, -1);
    if (!InputPacking.isLocal(conf) || conf.getInt(MRJobConfig.NUM_REDUCES, 1) == 0 || split <= 0) {
      return;
    }
    long mb = Math.max(MIN_LOCAL_SORT_MB, (4 * split + (1 << 20) - 1) >> 20);
    if (mb < conf.getInt(SORT_MB, MRJobConfig.DEFAULT_IO_SORT_MB)) {
      setDefault(conf, SORT_MB, Long.toString(mb));
    }
  }

  /**
   * Hadoop's client logs its progress lines and counter dump at INFO on the Job logger, which
   * Drover's logging config keeps at WARN (it would print the tracking URL of every job), and
   * YARN's client logs the application id at INFO too.
   */
  private static void hadoopsClientLog() {
    try {
      // Job: the job id, progress and counters; YarnClientImpl: "Submitted application ..." on a
      // cluster (mrjob reads both)
      for (String name : List.of(Job.class.getName(),
          "org.apache.hadoop.yarn.client.api.impl.YarnClientImpl")) {
        org.apache.log4j.Logger log = org.apache.log4j.Logger.getLogger(name);
        if (!log.isInfoEnabled()) {
          log.setLevel(org.apache.log4j.Level.INFO);
        }
      }
    } catch (LinkageError e) {
      // another logging backend: its own configuration decides
    }
  }

  /**
   * A local job's failure reason. LocalJobRunner leaves a job's failure info at "NA" and hands the
   * failed task's error only to its log ({@code WARN <job id>} with the throwable), which a plain
   * {@code hadoop jar} run without a log4j config never shows: this listens to that logger while
   * the job runs and keeps the error, so the message says what went wrong.
   *
   * <p>Unless the job is verbose ({@code -D drover.verbose=true}) the error's stack trace is kept
   * from the console: the failure message gives its reason. To that end one {@link Relay} stays
   * on LocalJobRunner's logger for the life of the JVM, which then no longer hands its events up
   * by itself: the relay passes them on to the root logger's appenders, all but the errors of
   * quiet jobs. (Turning additivity off only while a job runs raced with the logging thread,
   * which reads it after the appenders ran.)
   */
  private static final class LocalFailure implements java.io.Closeable {
    private static final String LOGGER = "org.apache.hadoop.mapred.LocalJobRunner";
    private final Relay relay;

    private LocalFailure(Relay relay) {
      this.relay = relay;
    }

    /** Listens for a job's error; {@code verbose}: its stack trace reaches the console. */
    static LocalFailure watch(boolean verbose) {
      try {
        Relay r = Relay.installed();
        if (r == null) {
          return null;
        }
        LocalFailure f = new LocalFailure(r);
        r.verbose.put(f, verbose);
        return f;
      } catch (LinkageError e) {
        return null; // another logging backend: the message keeps Hadoop's reason only
      }
    }

    /**
     * ": " and the message of the error logged for {@code jobId}, or "". LocalJobRunner marks the
     * job failed just before it logs the error: waits a little for it.
     */
    String reason(String jobId) {
      Throwable t = relay.errors.get(jobId);
      for (int i = 0; t == null && i < 100; i++) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return "";
        }
        t = relay.errors.get(jobId);
      }
      return t == null ? "" : ": " + message(t);
    }

    /**
     * The message of a task's error: a {@link BadInputException}'s as it is (it names the file),
     * else the innermost cause's, by its class when it has none.
     */
    static String message(Throwable error) {
      Throwable t = error;
      for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
        if (c instanceof BadInputException) {
          return c.getMessage();
        }
        t = c;
      }
      String m = t.getMessage();
      return m == null || m.isEmpty() ? t.getClass().getName() : m;
    }

    @Override
    public void close() {
      relay.verbose.remove(this);
    }

    /** The one appender on LocalJobRunner's logger (see {@link LocalFailure}). */
    private static final class Relay extends org.apache.log4j.AppenderSkeleton {
      private static Relay installed;
      /** Errors by the message they were logged with (the job id); the newest few hundred. */
      final java.util.Map<String, Throwable> errors = java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, Throwable> e) {
              return size() > 256;
            }
          });
      /** The jobs being watched, and whether each is verbose. */
      final java.util.Map<LocalFailure, Boolean> verbose =
          new java.util.concurrent.ConcurrentHashMap<>();

      static synchronized Relay installed() {
        if (installed == null) {
          org.apache.log4j.Logger log = org.apache.log4j.Logger.getLogger(LOGGER);
          if (!log.getAdditivity()) {
            return null; // configured by hand: leave it as it is
          }
          Relay r = new Relay();
          log.addAppender(r);
          log.setAdditivity(false);
          installed = r;
        }
        return installed;
      }

      @Override
      protected void append(org.apache.log4j.spi.LoggingEvent event) {
        org.apache.log4j.spi.ThrowableInformation ti = event.getThrowableInformation();
        if (ti != null && ti.getThrowable() != null) {
          // decided before the error is kept: a verbose job's client stops watching once it has it
          boolean show = verbose.values().stream().anyMatch(Boolean::booleanValue)
              || org.apache.log4j.Logger.getLogger(LOGGER).isDebugEnabled();
          errors.put(String.valueOf(event.getMessage()), ti.getThrowable());
          if (!show) {
            return; // the failure message gives the reason
          }
        }
        org.apache.log4j.Logger.getRootLogger().callAppenders(event);
      }

      @Override
      public void close() {}

      @Override
      public boolean requiresLayout() {
        return false;
      }
    }
  }

  private static boolean watch(Job job, PrintStream out, Configuration conf, long start,
      boolean checkedAfter) throws IOException, InterruptedException {
    String mode = conf.get(PROGRESS, System.getProperty(PROGRESS, "auto"));
    long poll = conf.getLong(POLL_MS, InputPacking.isLocal(conf) ? 10 : 1000);
    boolean terminal = mode.equals("tty") || (mode.equals("auto") && System.console() != null);
    JobProgress view = mode.equals("off") ? null
        : new JobProgress(out, terminal, job.getJobName(), String.valueOf(job.getJobID()),
            checkedAfter, JobProgress.width(System.getProperty(COLUMNS), System.getenv("COLUMNS")));
    if (view != null && !InputPacking.isLocal(conf)) { // in local mode the URL leads nowhere
      out.println("job '" + job.getJobName() + "' (" + job.getJobID() + "): "
          + job.getTrackingURL());
    }
    boolean hasReduce = job.getNumReduceTasks() > 0;
    long countersAt = -1;
    long records = 0;
    long bytes = 0;
    while (!job.isComplete()) {
      long now = System.currentTimeMillis() - start;
      if (view != null) {
        if (terminal && now - countersAt >= 500) {
          Counters c = job.getCounters();
          if (c != null) {
            records = c.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue();
            bytes = bytesRead(c);
          }
          countersAt = now;
        }
        view.update(new JobProgress.Snapshot(job.mapProgress(), job.reduceProgress(), hasReduce,
            records, bytes, now));
      }
      Thread.sleep(poll);
    }
    boolean ok = job.isSuccessful();
    if (view != null) {
      Counters c = job.getCounters();
      long elapsed = System.currentTimeMillis() - start;
      JobProgress.Snapshot last = new JobProgress.Snapshot(job.mapProgress(),
          job.reduceProgress(), hasReduce, 0, 0, elapsed);
      view.finish(last, totals(c, hasReduce), ok);
    }
    return ok;
  }

  /** The input bytes the input format counted (0 when it counts none). */
  private static long bytesRead(Counters c) {
    return c.findCounter(FileInputFormatCounter.BYTES_READ).getValue();
  }

  /** The summary's figures; the job's own counter groups are those not named org.apache.hadoop. */
  static JobProgress.Totals totals(Counters c, boolean hasReduce) {
    if (c == null) {
      return new JobProgress.Totals(0, 0, 0, 0, 0, 0, 0, List.of());
    }
    List<JobProgress.Group> own = new ArrayList<>();
    for (CounterGroup g : c) {
      if (g.getName().startsWith("org.apache.hadoop") || g.getName().equals("Shuffle Errors")) {
        continue;
      }
      List<String> names = new ArrayList<>();
      List<Long> values = new ArrayList<>();
      for (Counter k : g) {
        names.add(k.getName());
        values.add(k.getValue());
      }
      String group = g.getDisplayName();
      own.add(JobProgress.group(group.substring(group.lastIndexOf('.') + 1), names, values));
    }
    long out = c.findCounter(hasReduce ? TaskCounter.REDUCE_OUTPUT_RECORDS
        : TaskCounter.MAP_OUTPUT_RECORDS).getValue();
    return new JobProgress.Totals(
        (int) c.findCounter(JobCounter.TOTAL_LAUNCHED_MAPS).getValue(),
        (int) c.findCounter(JobCounter.TOTAL_LAUNCHED_REDUCES).getValue(),
        c.findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue(), out,
        c.findCounter(TaskCounter.SPILLED_RECORDS).getValue(), bytesRead(c),
        c.findCounter(FileOutputFormatCounter.BYTES_WRITTEN).getValue(), own,
        new JobProgress.Attempts(c.findCounter(JobCounter.NUM_FAILED_MAPS).getValue(),
            c.findCounter(JobCounter.NUM_KILLED_MAPS).getValue(),
            c.findCounter(JobCounter.NUM_FAILED_REDUCES).getValue(),
            c.findCounter(JobCounter.NUM_KILLED_REDUCES).getValue()));
  }
}
