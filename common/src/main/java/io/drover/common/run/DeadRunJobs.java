package io.drover.common.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the jobs a dead client left running, before its work dir is swept: a client killed
 * outright (SIGKILL) leaves its YARN application running, and that application would write on
 * into the swept dir (recreating it) and compete for the cluster.
 *
 * <p>A local job ({@code job_local...}) ran inside the dead client and died with it. A YARN job is
 * first asked to stop through its ApplicationMaster (which kills its tasks and waits for their
 * containers, then aborts its output), and killed through the ResourceManager when it has not
 * ended {@link #GRACE_MS} later.
 */
final class DeadRunJobs {
  private static final Logger LOG = LoggerFactory.getLogger(DeadRunJobs.class);
  /** How long a job asked to stop through its ApplicationMaster may take before it is killed. */
  static final long GRACE_MS = 30_000;
  private static final EnumSet<YarnApplicationState> ENDED = EnumSet.of(
      YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

  private DeadRunJobs() {}

  /**
   * Makes sure none of {@code jobIds} still runs. True when none does (any more); false, with a
   * warning naming {@code workDir}, when that cannot be confirmed, and the dir must stay.
   */
  static boolean stop(Configuration conf, List<String> jobIds, Path workDir) {
    List<String> yarnJobs = new ArrayList<>();
    for (String id : jobIds) {
      if (!id.startsWith("job_local")) {
        yarnJobs.add(id);
      }
    }
    if (yarnJobs.isEmpty()) {
      return true;
    }
    if (!"yarn".equals(conf.get("mapreduce.framework.name"))) {
      LOG.warn("{} belongs to a client that is gone, but its jobs {} ran on YARN and this run is"
          + " not configured for YARN: it is left in place (a run on the cluster removes it)",
          workDir, yarnJobs);
      return false;
    }
    Configuration c = new Configuration(conf);
    // an unreachable ResourceManager should not hold the run for Hadoop's default 15 minutes
    Jobs.setDefault(c, "yarn.resourcemanager.connect.max-wait.ms", "60000");
    // killing through the AM polls the job's status; once the AM is gone that would ask a
    // history server, which many clusters do not run (and it adds nothing here)
    c.set("mapreduce.jobhistory.address", "");
    YarnClient yarn = YarnClient.createYarnClient();
    try {
      yarn.init(c);
      yarn.start();
      for (String id : yarnJobs) {
        stopOne(c, yarn, JobID.forName(id));
      }
      return true;
    } catch (IOException | YarnException | RuntimeException e) {
      LOG.warn("{} belongs to a client that is gone, but whether its jobs {} still run could not"
          + " be told ({}): it is left in place", workDir, yarnJobs, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      yarn.stop();
    }
  }

  private static void stopOne(Configuration conf, YarnClient yarn, JobID job)
      throws IOException, YarnException, InterruptedException {
    ApplicationId app =
        ApplicationId.newInstance(Long.parseLong(job.getJtIdentifier()), job.getId());
    YarnApplicationState state;
    try {
      state = yarn.getApplicationReport(app).getYarnApplicationState();
    } catch (ApplicationNotFoundException e) {
      return; // the ResourceManager no longer knows it: long gone
    }
    if (ENDED.contains(state)) {
      return;
    }
    LOG.warn("stopping {} ({}), left running by a client that is gone", app, job);
    if (state == YarnApplicationState.RUNNING) {
      Cluster cluster = null;
      try {
        cluster = new Cluster(conf);
        Job j = cluster.getJob(job);
        if (j != null) {
          j.killJob(); // returns once the AM says the job is killed, or after its hard timeout
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("could not ask the ApplicationMaster of {} to stop", app, e);
      } finally {
        if (cluster != null) {
          cluster.close();
        }
      }
      long deadline = System.currentTimeMillis() + GRACE_MS;
      while (System.currentTimeMillis() < deadline) {
        if (ENDED.contains(yarn.getApplicationReport(app).getYarnApplicationState())) {
          return;
        }
        Thread.sleep(100); // the AM unregisters once its tasks are stopped
      }
    }
    yarn.killApplication(app); // returns once the ResourceManager has killed it
  }
}
