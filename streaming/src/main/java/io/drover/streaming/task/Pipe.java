package io.drover.streaming.task;

import io.drover.streaming.protocol.ExitStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.mapred.JobConf;

/**
 * A {@link Child} fed records by a task, with the bookkeeping a failure report needs: how many
 * records went in and which was last. Every failure ends the command (and what it started),
 * leaves a report for the client, and surfaces as an IOException that fails the task.
 */
final class Pipe {
  private final String role;
  private final JobConf job;
  private final Child child;
  private final String input;
  private long records;
  private java.util.function.Supplier<String> where = () -> "";

  private Pipe(String role, JobConf job, Child child, String input) {
    this.role = role;
    this.job = job;
    this.child = child;
    this.input = input;
  }

  static Pipe start(String role, JobConf job, String command, Map<String, String> env,
      Child.LineSink sink, Child.Feedback fb, String input) throws IOException {
    List<String> argv = TaskSupport.argv(command);
    try {
      return new Pipe(role, job,
          Child.start(command, argv, env, sink, fb, TaskSupport.settings(job)), input);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      String status = msg.contains("error=2,") ? ExitStatus.describe(127)
          : msg.contains("error=13,") ? ExitStatus.describe(126) : "could not be started";
      String text = header(role, job) + "command '" + command + "' (program " + argv.get(0) + ") "
          + status + ": " + msg;
      throw reported(role, job, text);
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
  void describeLastWith(java.util.function.Supplier<String> where) {
    this.where = where;
  }

  long records() {
    return records;
  }

  /** Fails fast when the thread collecting the command's output has failed. */
  void checkOutput() throws IOException {
    Throwable t = child.outputError();
    if (t != null) {
      throw fail("the command's output could not be collected: " + t, t);
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
        + "' (" + e.getMessage() + "): the command " + how, e);
  }

  /** Closes stdin, waits, and fails on a non-zero exit (unless allowed) or a collector error. */
  void finish(boolean nonZeroIsFailure) throws IOException {
    int status;
    try {
      status = child.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail("interrupted while waiting for command '" + child.command() + "'", e);
    }
    Throwable t = child.outputError();
    if (t != null) {
      throw fail("the command's output could not be collected: " + t, t);
    }
    if (status != 0 && nonZeroIsFailure) {
      throw fail(child.describeEnd(status).replaceFirst("\n", " (stream.non.zero.exit.is.failure"
          + "=true)\n"), null);
    }
  }

  /** Ends the command after a failure elsewhere (the task is failing or being killed). */
  void abort() {
    child.abort();
  }

  private IOException fail(String what, Throwable cause) {
    child.abort();
    StringBuilder b = new StringBuilder(header()).append(what);
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
    if (!what.contains("stderr line") && !what.contains("wrote nothing to stderr")) {
      StringBuilder tail = new StringBuilder();
      child.appendTail(tail);
      b.append(tail);
    }
    IOException e = reported(role, job, b.toString());
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  private String header() {
    return header(role, job);
  }

  static String header(String role, JobConf job) {
    return role + " task " + job.get("mapreduce.task.attempt.id", "(unknown attempt)") + ": ";
  }

  private static IOException reported(String role, JobConf job, String text) {
    String full = text.startsWith(role + " task ") ? text : header(role, job) + text;
    TaskReports.leave(job, role, TaskReports.Kind.FAILED, full + "\n");
    return new IOException(full);
  }
}
