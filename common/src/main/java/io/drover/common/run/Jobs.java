package io.drover.common.run;

import java.io.IOException;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobStatus;

/** Submitting jobs and checking that they really succeeded. */
public final class Jobs {
  private Jobs() {}

  /**
   * Submits {@code job}, waits, and throws when it did not succeed, with Hadoop's own failure
   * reason (the failed task and its error) in the message. Returns the job's counters, fetched at
   * once: on a cluster a finished job's ApplicationMaster goes away and the history server may not
   * know the job yet, so asking later can fail. Null when they cannot be had; the job still
   * succeeded.
   */
  public static Counters runToSuccess(Job job) throws IOException, JobFailedException {
    return runToSuccess(job, true);
  }

  /**
   * As {@link #runToSuccess(Job)}; {@code verbose} false skips Hadoop's progress report (a dozen
   * log lines per job: too many for a job per iteration, whose driver prints its own line).
   */
  public static Counters runToSuccess(Job job, boolean verbose) throws IOException, JobFailedException {
    boolean ok;
    try {
      ok = job.waitForCompletion(verbose);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobFailedException("interrupted while waiting for job '" + job.getJobName() + "'");
    } catch (ClassNotFoundException e) {
      throw new JobFailedException("job '" + job.getJobName() + "': class not found: " + e.getMessage());
    }
    if (!ok) {
      String why = "";
      try {
        JobStatus status = job.getStatus();
        if (status != null && status.getFailureInfo() != null && !status.getFailureInfo().isEmpty()) {
          why = ": " + status.getFailureInfo();
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        why = "";
      }
      throw new JobFailedException(
          "job '" + job.getJobName() + "' (" + job.getJobID() + ") failed" + why);
    }
    try {
      return job.getCounters();
    } catch (IOException e) {
      return null;
    }
  }
}
