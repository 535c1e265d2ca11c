package io.drover.streaming.task;

import io.drover.streaming.conf.StreamingKeys;
import io.drover.streaming.protocol.ReporterLine;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;

/**
 * One running streaming command: its stdin buffered for the caller, its stdout split into lines
 * (LF, CR or CRLF, as Hadoop's LineReader) on one thread, its stderr drained on another (reporter
 * lines decoded, other lines forwarded and the last few kept for failure reports), and a
 * keepalive that reports progress while the command lives. Nothing here blocks forever on a
 * full pipe: both output pipes are always drained. The three run on threads of the command's
 * {@link Env}, kept for its next start.
 */
public final class Child {
  /** Receives each stdout line, on the stdout thread. */
  public interface LineSink {
    void line(byte[] bytes, int length) throws IOException;
  }

  /** Where the command's reports go (a task's Reporter, or a recorder in a dry run). */
  public interface Feedback {
    void counter(String group, String counter, long amount);

    void status(String message);

    void progress();

    /** A reporter line that could not be used. */
    void malformed(String warning);
  }

  /** How the command is run and watched. */
  public record Settings(
      String reporterPrefix, long keepaliveMs, int tailLines, long maxStderrLines,
      PrintStream stderr) {}

  private static final int BUFFER = 128 * 1024;

  private final String command;
  private final Process process;
  private final OutputStream stdin;
  private final Future<?> outPump;
  private final Future<?> errPump;
  private final Future<?> keepalive;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private final int tailLines;
  private volatile Throwable outputError;

  private Child(String command, Process process, Settings s, LineSink sink, Feedback fb,
      Env env) {
    this.command = command;
    this.process = process;
    this.tailLines = s.tailLines();
    this.stdin = new BufferedOutputStream(process.getOutputStream(), BUFFER);
    outPump = env.run("stream-stdout", () -> pumpStdout(process.getInputStream(), sink));
    errPump = env.run("stream-stderr", () -> pumpStderr(process.getErrorStream(), s, fb));
    keepalive = s.keepaliveMs() > 0
        ? env.run("stream-keepalive", () -> keepAlive(s.keepaliveMs(), fb)) : null;
  }

  /** Waits for a pump to end (they end when their pipe does), at most {@code ms} if not -1. */
  private static void join(Future<?> pump, long ms) throws InterruptedException {
    try {
      if (ms < 0) {
        pump.get();
      } else {
        pump.get(ms, TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | CancellationException e) {
      // the pumps catch their own failures; nothing is left to wait for
    } catch (TimeoutException e) {
      // still draining: left to end with its pipe
    }
  }

  /**
   * A command environment built once and used for many starts (a map task starts its command once
   * per input file, with hundreds of variables): it lives in a ProcessBuilder's own map, whose
   * entries keep their encoded bytes, so a start copies no map and encodes nothing again. Its
   * commands' stdout, stderr and keepalive run on threads it keeps for the next start (made by the
   * thread that starts the command, so they run as the task does; each ends after a second idle):
   * not three new threads per input file (a {@code cat} job over 308 small files: wall 0.97x,
   * system time 0.88x).
   */
  public static final class Env {
    private final ProcessBuilder builder = new ProcessBuilder();
    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "stream-pump");
          t.setDaemon(true);
          return t;
        });

    /** Runs {@code task} on one of this environment's threads, named {@code name} meanwhile. */
    private Future<?> run(String name, Runnable task) {
      return threads.submit(() -> {
        Thread.currentThread().setName(name);
        task.run();
      });
    }

    /** Exactly the variables {@code vars}. */
    public Env(Map<String, String> vars) {
      Map<String, String> e = builder.environment();
      e.clear();
      e.putAll(vars);
    }

    /** Sets one variable for the starts that follow. */
    public synchronized void put(String name, String value) {
      builder.environment().put(name, value);
    }

    private synchronized Process start(List<String> argv) throws IOException {
      builder.command(argv);
      return builder.start();
    }
  }

  /**
   * Starts {@code argv} with exactly the environment {@code env} in the current directory.
   *
   * @throws IOException when the program cannot be started (not found, not executable)
   */
  public static Child start(
      String command, List<String> argv, Map<String, String> env, LineSink sink, Feedback fb,
      Settings settings) throws IOException {
    return start(command, argv, new Env(env), sink, fb, settings);
  }

  /** {@link #start(String, List, Map, LineSink, Feedback, Settings)} with a prepared env. */
  public static Child start(
      String command, List<String> argv, Env env, LineSink sink, Feedback fb,
      Settings settings) throws IOException {
    return new Child(command, env.start(argv), settings, sink, fb, env);
  }

  /** The command's stdin, buffered; the caller writes records here. */
  public OutputStream stdin() {
    return stdin;
  }

  /** A failure of the stdout thread (the collector threw), or null. */
  public Throwable outputError() {
    return outputError;
  }

  public String command() {
    return command;
  }

  /** Waits up to {@code ms} for the command to end; its exit status, or null if still alive. */
  public Integer awaitEnd(long ms) throws InterruptedException {
    return process.waitFor(ms, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  /** The exit status if the command has ended, else null. */
  public Integer exitStatusIfEnded() {
    return process.isAlive() ? null : process.exitValue();
  }

  /**
   * Closes stdin (a command that already stopped reading is not an error here, as in Hadoop
   * Streaming), waits for the command and for both output threads, and returns the exit status.
   */
  public int finish() throws InterruptedException {
    try {
      stdin.close();
    } catch (IOException e) {
      // The command closed its stdin early; its exit status decides.
    }
    int status = process.waitFor();
    join(outPump, -1);
    join(errPump, -1);
    if (keepalive != null) {
      keepalive.cancel(true);
    }
    return status;
  }

  /** Ends the command and every process it started; used when the task fails or is killed. */
  public void abort() {
    try {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
    } catch (RuntimeException e) {
      // best effort: the descendants may be gone already
    }
    process.destroyForcibly();
    try {
      stdin.close();
    } catch (IOException e) {
      // already broken
    }
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      join(outPump, 10_000);
      join(errPump, 10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (keepalive != null) {
      keepalive.cancel(true);
    }
  }

  /** The last stderr lines that were not reporter lines, oldest first. */
  public List<String> stderrTail() {
    synchronized (tail) {
      return new ArrayList<>(tail);
    }
  }

  private void pumpStdout(InputStream in, LineSink sink) {
    Text line = new Text();
    try (LineReader reader = new LineReader(in, BUFFER)) {
      while (reader.readLine(line) > 0) {
        sink.line(line.getBytes(), line.getLength());
      }
    } catch (Throwable t) {
      outputError = t;
      // keep draining so the command cannot block on a full pipe
      drain(in);
    }
  }

  private void pumpStderr(InputStream in, Settings s, Feedback fb) {
    Text line = new Text();
    long forwarded = 0;
    try (LineReader reader = new LineReader(in, 64 * 1024)) {
      while (reader.readLine(line) > 0) {
        String l = line.toString();
        ReporterLine r = ReporterLine.parse(l, s.reporterPrefix());
        switch (r.kind()) {
          case COUNTER:
            fb.counter(r.group(), r.counter(), r.amount());
            break;
          case STATUS:
            fb.status(r.text());
            break;
          case MALFORMED:
            s.stderr().println("drover streaming: WARNING: " + r.text());
            fb.malformed(r.text());
            break;
          default:
            remember(l);
            if (s.maxStderrLines() < 0 || forwarded < s.maxStderrLines()) {
              s.stderr().println(l);
            } else if (forwarded == s.maxStderrLines()) {
              s.stderr().println("drover streaming: further stderr lines of '" + command
                  + "' are not forwarded (" + StreamingKeys.STDERR_MAX_LINES + "="
                  + s.maxStderrLines() + ")");
            }
            forwarded++;
            break;
        }
        fb.progress();
      }
    } catch (Throwable t) {
      drain(in);
    }
  }

  private void remember(String l) {
    if (tailLines <= 0) {
      return;
    }
    String kept = l.length() > 1000 ? l.substring(0, 1000) + "...(" + l.length() + " chars)" : l;
    synchronized (tail) {
      if (tail.size() == tailLines) {
        tail.removeFirst();
      }
      tail.addLast(kept);
    }
  }

  private void keepAlive(long everyMs, Feedback fb) {
    try {
      while (!process.waitFor(everyMs, TimeUnit.MILLISECONDS)) {
        fb.progress();
      }
    } catch (InterruptedException e) {
      // finished
    }
  }

  private static void drain(InputStream in) {
    byte[] buf = new byte[8192];
    try {
      while (in.read(buf) >= 0) {
        // discard
      }
    } catch (IOException e) {
      // closed
    }
  }
}
