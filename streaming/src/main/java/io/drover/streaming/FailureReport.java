package io.drover.streaming;

import io.drover.common.run.JobFailedException;
import io.drover.streaming.task.TaskReports;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * What the client tells the user from the reports its tasks left ({@link TaskReports}): why a
 * failed job's commands failed, and the reporter lines they wrote that were ignored.
 */
final class FailureReport {
  private FailureReport() {}

  /**
   * The failure of the job to report: the client's message (Jobs gives the task's error as the
   * reason), then each failed command's report: the task, the command, its exit status, its last stderr
   * lines and the record fed last.
   */
  static JobFailedException explain(JobFailedException e, Configuration conf, Path reports) {
    String why = TaskReports.collect(conf, reports, TaskReports.Kind.FAILED);
    return new JobFailedException(e.getMessage() + (why.isEmpty() ? "" : "\n" + why));
  }

  /** Prints the reporter lines the commands wrote that could not be used, if there were any. */
  static void printWarnings(Configuration conf, Path reports, String program, PrintStream err) {
    String warnings = TaskReports.collect(conf, reports, TaskReports.Kind.WARNINGS);
    if (!warnings.isEmpty()) {
      err.println(program + ": WARNING: the commands wrote reporter lines that were ignored:");
      err.print(warnings);
    }
  }
}
