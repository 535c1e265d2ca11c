package io.drover.jobs;

import io.drover.common.run.InputPacking;
import org.apache.hadoop.mapreduce.Job;

/**
 * Names the job jar. The built drover-jobs jar holds only this class and {@link DroverDriver} at
 * its top level; Drover's classes and the libraries it needs are jars under {@code lib/}, which
 * RunJar and YARN's job.jar localization put on the classpath. So {@code hadoop jar} unpacks nine
 * files at each start instead of ~500 (measured: ~0.5 s less per start, README Benchmarks).
 *
 * <p>{@code setJarByClass} of a class from {@code lib/} would make that inner jar the job jar and
 * leave the libraries behind on a cluster; this class is found in the outer jar.
 *
 * <p>A job of the local framework gets no jar: LocalJobRunner runs its tasks in this JVM, on this
 * class path, and never reads the job jar, yet Hadoop's submitter copies a named jar (13.7 MB,
 * with its checksum file) into every job's staging dir: about 3,400 small reads and writes per
 * job, the largest part of the per-job I/O of one gd iteration (README, Benchmarks).
 */
public final class JobJar {
  private static final String UPLOADER = "org.apache.hadoop.mapreduce.JobResourceUploader";

  private JobJar() {}

  /** Makes the jar that holds this class (the drover-jobs jar) the job's jar, unless local. */
  public static void use(Job job) {
    if (InputPacking.isLocal(job.getConfiguration())) {
      quietNoJarWarning();
      return;
    }
    job.setJarByClass(JobJar.class);
  }

  /**
   * Without a jar Hadoop's submitter warns "No job jar file set. User classes may not be found."
   * at every job, wrongly for a local job: its user classes are on this class path.
   */
  private static void quietNoJarWarning() {
    try {
      org.apache.log4j.Logger log = org.apache.log4j.Logger.getLogger(UPLOADER);
      if (log.getLevel() == null) {
        log.setLevel(org.apache.log4j.Level.ERROR);
      }
    } catch (LinkageError e) {
      // another logging backend: its own configuration decides
    }
  }
}
