package io.drover.common.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of one program run, gathered while it runs, that become its {@link RunManifest}. One
 * per run, whatever the program: {@link DroverTool} opens it around {@code execute()} (program,
 * version, arguments, start), {@link OutputCommit} tells it the inputs, {@link Jobs} adds every job
 * it ran (the failed ones too, when the run went on without them), and the manifest is made from
 * it just before the output is committed. Pure and thread-safe; {@link ManifestWriter} connects it
 * to a run's {@code Configuration} and writes the manifest.
 */
public final class RunRecorder {
  private final String program;
  private final String version;
  private final List<String> args;
  private final long startMs;
  private List<RunManifest.Input> inputs = List.of();
  private final List<RunManifest.JobRun> jobs = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private String written;

  /**
   * @param program the program's name as the driver lists it
   * @param version Drover's version
   * @param args the program's arguments (after Hadoop's generic options were taken out)
   * @param startMs when the run started, ms since 1970
   */
  public RunRecorder(String program, String version, List<String> args, long startMs) {
    this.program = program;
    this.version = version;
    this.args = List.copyOf(args);
    this.startMs = startMs;
  }

  public String program() {
    return program;
  }

  /** The files the output is made from (replacing what an earlier call said). */
  public synchronized void inputs(List<RunManifest.Input> files) {
    inputs = List.copyOf(files);
  }

  /** One more job of the run, in the order they ran. */
  public synchronized void job(RunManifest.JobRun job) {
    jobs.add(job);
  }

  public synchronized List<RunManifest.JobRun> jobs() {
    return List.copyOf(jobs);
  }

  /** A fact about how the output was made that the jobs alone do not tell (a resumed run). */
  public synchronized void note(String note) {
    notes.add(note);
  }

  /**
   * The manifest as of {@code nowMs}, with {@code conf} as the effective non-default settings.
   * The exit status is 0: a manifest is only written with an output that is committed, and a run
   * that fails leaves no output.
   */
  public synchronized RunManifest manifest(Map<String, String> conf, long nowMs) {
    return new RunManifest(program, version, args, conf, inputs, List.copyOf(jobs),
        List.copyOf(notes), 0,
        Instant.ofEpochMilli(startMs).toString(), nowMs - startMs);
  }

  /** Notes where the manifest now is (in the output, after the commit). */
  public synchronized void written(String path) {
    written = path;
  }

  /** Where the manifest of this run was written; empty when none was (no output committed). */
  public synchronized Optional<String> written() {
    return Optional.ofNullable(written);
  }
}
