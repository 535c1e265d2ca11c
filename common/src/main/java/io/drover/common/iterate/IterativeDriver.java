package io.drover.common.iterate;

import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import io.drover.common.run.DefaultResources;
import io.drover.common.run.InputPacking;
import io.drover.common.run.JobFailedException;
import io.drover.common.run.Jobs;
import io.drover.common.run.ManifestWriter;
import io.drover.common.run.OutputCommit;
import io.drover.common.run.OutputFiles;
import io.drover.common.run.RunManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.MRJobConfig;

/**
 * Runs an {@link IterativeAlgorithm} in place in its output dir, the same way for every algorithm:
 * overwrite through {@link OutputCommit} (the old output moved aside, put back if the run fails),
 * the {@link RunFingerprint} deciding fresh run or resume ({@code --restart} to start over with
 * other parameters), checkpoints under {@code iterations/} ({@code --keep-checkpoints}), step jobs
 * writing only under this driver run's own {@code _work/attempt-<uuid>} (what a killed driver's
 * jobs left is swept), one client line per committed iteration, {@code history.csv} (one line per
 * iteration, the algorithm's {@link IterativeAlgorithm#historyColumns}), and {@code _SUCCESS} once the
 * algorithm's {@link IterativeAlgorithm#finish} has written the outputs, just after the run
 * manifest ({@code _drover/manifest.json}; for a resumed run it lists the jobs of the run that
 * finished it, not those of the interrupted one, and a note says so).
 */
public final class IterativeDriver {
  public static final String ITERATIONS = "iterations";
  public static final String WORK = "_work";
  public static final String ATTEMPT_PREFIX = "attempt-";

  /** The runtime's options, common to every iterative program. */
  public record Settings(
      int maxIter, int keepCheckpoints, boolean restart, Overwrite overwrite) {}

  /** Hadoop's switch for running a small job's tasks inside its ApplicationMaster's JVM. */
  static final String UBER = "mapreduce.job.ubertask.enable";

  /** The client's status poll of every job of an iterative run on a cluster (Jobs' is 1000 ms). */
  static final String CLUSTER_POLL_MS = "200";

  /** How often a job's ApplicationMaster asks the ResourceManager for containers (Hadoop: 1 s). */
  static final String AM_HEARTBEAT = MRJobConfig.MR_AM_TO_RM_HEARTBEAT_INTERVAL_MS;
  static final String AM_HEARTBEAT_MS = "100";

  private IterativeDriver() {}

  /**
   * The runtime's defaults for the many small jobs of an iterative run, each kept unless the user
   * (or a site file) set the key: on YARN, uber mode, so that a job small enough (YARN decides: at
   * most {@code mapreduce.job.ubertask.maxmaps} maps, one reduce, input under
   * {@code mapreduce.job.ubertask.maxbytes}, tasks' memory within the ApplicationMaster's) runs its
   * tasks in its ApplicationMaster instead of asking for a container per task, and larger ones run
   * as before; the client polls each job's status every 200 ms instead of every second; and each
   * job's ApplicationMaster heartbeats the ResourceManager every 100 ms instead of every second, so
   * that a job too big for uber mode gets its task containers a heartbeat sooner at each round
   * (one AM per run at a time: ten small RPCs a second). Measured on {@code bin/drover
   * minicluster}: a gd iteration on a9a 18 s as a normal job, 12-13 s in uber mode; as a normal
   * job 19.0-22.3 s with a 1 s heartbeat, 15.8-17.7 s with 100 ms (README, Benchmarks). (The local
   * runner ignores all three.)
   */
  static void clusterDefaults(Configuration conf) {
    if (InputPacking.isLocal(conf)) {
      return;
    }
    Jobs.setDefault(conf, UBER, "true");
    Jobs.setDefault(conf, Jobs.POLL_MS, CLUSTER_POLL_MS);
    Jobs.setDefault(conf, AM_HEARTBEAT, AM_HEARTBEAT_MS);
  }

  /** Runs {@code algo} over {@code inputs} (already listed) into {@code output}. */
  public static <J> IterativeJob.Result run(
      Configuration conf,
      List<Path> inputs,
      Path output,
      IterativeAlgorithm<J> algo,
      Settings s,
      PrintStream err)
      throws IOException, JobFailedException, UsageException {
    clusterDefaults(conf);
    FileSystem fs = output.getFileSystem(conf);
    // LocalJobRunner parses Hadoop's default files four times per job: from memory, stripped
    try (DefaultResources.Scope defaults = InputPacking.isLocal(conf)
            ? DefaultResources.serve() : () -> {};
        OutputCommit commit = OutputCommit.prepareInPlace(conf, output, s.overwrite(), inputs)) {
      Path out = commit.output();
      boolean aside = s.overwrite().allowed() && commit.moveAside();
      try {
        return runIn(conf, fs, inputs, commit, commit.temp("prepare"), algo, s, err);
      } catch (IOException | JobFailedException | UsageException | RuntimeException | Error e) {
        if (aside) {
          err.println(algo.name() + ": the run failed; " + commit.putBack());
        }
        throw e;
      }
    }
  }

  private static <J> IterativeJob.Result runIn(
      Configuration conf,
      FileSystem fs,
      List<Path> inputs,
      OutputCommit commit,
      Path temp,
      IterativeAlgorithm<J> algo,
      Settings s,
      PrintStream err)
      throws IOException, JobFailedException, UsageException {
    Path out = commit.output();
    RunFingerprint fp = new RunFingerprint(algo.resultParameters());
    RunFingerprint.Start start = fp.prepare(fs, out, s.restart(), s.overwrite().allowed());
    if (start == RunFingerprint.Start.FRESH && fs.exists(out)) {
      for (String old :
          List.of(ITERATIONS, WORK, RunFingerprint.FILE, RunManifest.DIR, HistoryColumn.FILE)) {
        fs.delete(new Path(out, old), true);
      }
      for (String old : algo.outputs()) {
        fs.delete(new Path(out, old), true);
      }
    }
    boolean resumed = start == RunFingerprint.Start.RESUME;
    Path work = new Path(out, WORK);
    Path attempt = sweepOtherAttempts(fs, work);
    CheckpointStore store = new CheckpointStore(fs, new Path(out, ITERATIONS));
    IterativeAlgorithm.Run run =
        new IterativeAlgorithm.Run(conf, fs, inputs, out, attempt, temp, store, resumed, err);
    // bad input stops here with nothing written: the output is made only after the data is ready
    try {
      algo.prepare(run);
    } finally {
      if (fs.exists(temp)) {
        fs.delete(temp, true);
      }
    }
    fs.mkdirs(out);
    fp.write(fs, new Path(out, RunFingerprint.FILE));
    if (resumed) {
      err.println(algo.name() + ": resuming the unfinished run in " + out);
      java.util.OptionalInt from = store.latest();
      ManifestWriter.note(conf, "resumed an unfinished run " + (from.isPresent()
          ? "after its iteration " + from.getAsInt() : "before its first iteration")
          + "; the jobs before ran in that run and are not listed here");
    }
    IterativeStep step =
        (t, scale, state, stateFile) -> {
          // the previous step's outputs are read (a dataset state was moved into its checkpoint)
          if (fs.exists(attempt)) {
            fs.delete(attempt, true);
          }
          Path jobDir = new Path(attempt, "iter-" + t);
          IterativeAlgorithm.Step in =
              new IterativeAlgorithm.Step(
                  t, scale, state, stateFile, store.dataDir(t - 1), jobDir);
          return algo.readStep(run, in, algo.runStep(run, in));
        };
    IterativeJob loop =
        new IterativeJob(
            store,
            step,
            new IterativeJob.Settings(
                s.maxIter(),
                algo.convergence(),
                algo.divergenceGuard(),
                algo.maxHalvings(),
                s.keepCheckpoints(),
                algo.extraColumns()),
            new IterativeJob.Listener() {
              @Override
              public void committed(IterationMetrics m, int maxIter) {
                String own = algo.describe(m);
                err.printf(
                    Locale.ROOT,
                    "%s: iteration %d/%d%s change %.4g%s %,d records %d ms%n",
                    algo.name(),
                    m.iteration(),
                    maxIter,
                    algo.hasLoss() ? lossText(" loss ", m.loss()) : "",
                    m.change(),
                    own.isEmpty() ? "" : " " + own,
                    m.records(),
                    m.wallMs());
              }

              @Override
              public void rolledBack(int to, String reason, double newScale) {
                err.printf(
                    Locale.ROOT,
                    "%s: diverged (%s): rolled back to iteration %d, %s%n",
                    algo.name(),
                    reason,
                    to,
                    algo.describeRollback(newScale));
              }
            });
    IterativeJob.Result r;
    if (resumed && store.latest().isPresent()) {
      r = loop.run(null, null);
    } else {
      IterativeAlgorithm.Initial init = algo.initialState(run);
      r = loop.run(init.vector(), init.dataset());
    }
    OutputFiles.writeText(
        fs, new Path(out, HistoryColumn.FILE), HistoryColumn.csv(algo.historyColumns(), r.history()));
    algo.finish(run, r);
    if (fs.exists(work)) {
      fs.delete(work, true);
    }
    commit.finishedInPlace(); // the run manifest: how this run made the output
    fs.create(new Path(out, RunFingerprint.FINISHED), true).close();
    err.printf(
        Locale.ROOT,
        "%s: %d iterations (%s)%s; %s%n",
        algo.name(),
        r.iterations(),
        r.stop().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        !algo.hasLoss() ? "" : lossText(", last loss ",
            r.history().isEmpty() ? Double.NaN : r.history().get(r.history().size() - 1).loss()),
        algo.describeOutput(out));
    return r;
  }

  private static String lossText(String label, double loss) {
    return label + String.format(Locale.ROOT, "%.6g", loss);
  }

  /**
   * This driver run's own dir for its step jobs' outputs, {@code _work/attempt-<uuid>}, after
   * deleting every other entry of {@code _work}: what the jobs of an earlier, dead driver left.
   */
  public static Path sweepOtherAttempts(FileSystem fs, Path work) throws IOException {
    if (fs.exists(work)) {
      for (FileStatus st : fs.listStatus(work)) {
        fs.delete(st.getPath(), true);
      }
    }
    return new Path(work, ATTEMPT_PREFIX + UUID.randomUUID());
  }
}
