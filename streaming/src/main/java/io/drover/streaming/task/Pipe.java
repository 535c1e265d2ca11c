package io.drover.streaming.task;

import io.drover.streaming.conf.StreamingKeys;
import io.drover.streaming.protocol.ExitStatus;
import io.drover.streaming.protocol.StartFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.mapred.JobConf;

/**
 * A {@link Child} fed records by a task, with the bookkeeping a failure report needs: how many
 * records went in and which was last. Every failure ends the command (and what it started),
 * leaves a report for the client, and surfaces as an IOException that fails the task.
 *
 * <p>A report is built from typed facts (the exit status, the {@link StartFailure}, the stderr
 * tail {@link Child#stderrTail()} keeps), never from another report's text:
 * <pre>
 *   map task attempt_..._m_000000_0: command 'python3 exit3.py' exit status 3 (...)
 *     last 1 stderr line:
 *       | bad record: epsilon
 *     records fed to the command: 4 (last: record 4, at byte offset 31 of the input)
 * </pre>
 */
final class Pipe {
  /** Where a report shows the command's last stderr lines. */
  private enum StderrAt {
    /** Right after the exit status they explain: the command ended on its own. */
    AFTER_STATUS,
    /** Last: the task stopped the command (its input could not be written, ...). */
    END
  }

  private final String role;
  private final JobConf job;
  private final Child child;
  private final String input;
  private long records;
  private Supplier<String> where = () -> "";

  private Pipe(String role, JobConf job, Child child, String input) {
    this.role = role;
    this.job = job;
    this.child = child;
    this.input = input;
  }

  static Pipe start(String role, JobConf job, String command, Child.Env env,
      Child.LineSink sink, Child.Feedback fb, String input) throws IOException {
    List<String> argv = TaskSupport.argv(command);
    try {
      return new Pipe(role, job,
          Child.start(command, argv, env, sink, fb, TaskSupport.settings(job)), input);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      throw reported(role, job, "command '" + command + "' (program " + argv.get(0) + ") "
          + StartFailure.of(argv.get(0)).describe() + ": " + msg);
    }
  }

  OutputStream stdin() {
    return child.stdin();
  }

  /** Call after each record is written. */
  void fed() {
    records++;
  }

  /** Describes the last record fed (e.g. its byte offset), asked only for a report. */
  void describeLastWith(Supplier<String> where) {
    this.where = where;
  }

  long records() {
    return records;
  }

  /** Fails fast when the thread collecting the command's output has failed. */
  void checkOutput() throws IOException {
    Throwable t = child.outputError();
    if (t != null) {
      throw outputFailed(t);
    }
  }

  /** A record could not be written: the command stopped reading its input or died. */
  IOException writeFailed(IOException e) {
    Integer status = null;
    try {
      child.stdin().close();
    } catch (IOException ignored) {
      // broken already
    }
    try {
      status = child.awaitEnd(2000);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    String how = status == null ? "is still running but stopped reading its input"
        : "ended with " + ExitStatus.describe(status) + " before reading all its input";
    return fail("could not write record " + (records + 1) + " to command '" + child.command()
        + "' (" + e.getMessage() + "): the command " + how, StderrAt.END, e);
  }

  /** Closes stdin, waits, and fails on a non-zero exit (unless allowed) or a collector error. */
  void finish(boolean nonZeroIsFailure) throws IOException {
    int status;
    try {
      status = child.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail("interrupted while waiting for command '" + child.command() + "'", StderrAt.END,
          e);
    }
    Throwable t = child.outputError();
    if (t != null) {
      throw outputFailed(t);
    }
    if (status != 0 && nonZeroIsFailure) {
      throw fail("command '" + child.command() + "' " + ExitStatus.describe(status) + " ("
          + StreamingKeys.NON_ZERO_EXIT_IS_FAILURE + "=true)", StderrAt.AFTER_STATUS, null);
    }
  }

  /** Ends the command after a failure elsewhere (the task is failing or being killed). */
  void abort() {
    child.abort();
  }

  private IOException outputFailed(Throwable t) {
    return fail("the command's output could not be collected: " + t, StderrAt.END, t);
  }

  private IOException fail(String what, StderrAt stderrAt, Throwable cause) {
    child.abort();
    StringBuilder b = new StringBuilder(what);
    if (stderrAt == StderrAt.AFTER_STATUS) {
      appendStderr(b, child.stderrTail());
    }
    b.append("\n  records fed to the command: ").append(records);
    if (records > 0) {
      b.append(" (last: record ").append(records);
      String w = where.get();
      if (!w.isEmpty()) {
        b.append(", ").append(w);
      }
      b.append(")");
    }
    if (input != null) {
      b.append("\n  input: ").append(input);
    }
    if (stderrAt == StderrAt.END) {
      appendStderr(b, child.stderrTail());
    }
    IOException e = reported(role, job, b.toString());
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  private static void appendStderr(StringBuilder b, List<String> tail) {
    if (tail.isEmpty()) {
      b.append("\n  (the command wrote nothing to stderr)");
      return;
    }
    b.append("\n  last ").append(tail.size()).append(" stderr line")
        .append(tail.size() == 1 ? "" : "s").append(":");
    for (String l : tail) {
      b.append("\n    | ").append(l);
    }
  }

  /** Leaves the report, headed by the task, for the client and returns it as the task's error. */
  private static IOException reported(String role, JobConf job, String report) {
    String full = role + " task " + job.get("mapreduce.task.attempt.id", "(unknown attempt)")
        + ": " + report;
    TaskReports.leave(job, role, TaskReports.Kind.FAILED, full + "\n");
    return new IOException(full);
  }
}
