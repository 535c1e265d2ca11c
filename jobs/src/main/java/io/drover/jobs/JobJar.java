package io.drover.jobs;

import org.apache.hadoop.mapreduce.Job;

/**
 * Names the job jar. The built drover-jobs jar holds only this class and {@link DroverDriver} at
 * its top level; Drover's classes and the libraries it needs are jars under {@code lib/}, which
 * RunJar and YARN's job.jar localization put on the classpath. So {@code hadoop jar} unpacks nine
 * files at each start instead of ~500 (measured: ~0.5 s less per start, README Benchmarks).
 *
 * <p>{@code setJarByClass} of a class from {@code lib/} would make that inner jar the job jar and
 * leave the libraries behind on a cluster; this class is found in the outer jar.
 */
public final class JobJar {
  private JobJar() {}

  /** Makes the jar that holds this class (the drover-jobs jar) the job's jar. */
  public static void use(Job job) {
    job.setJarByClass(JobJar.class);
  }
}
