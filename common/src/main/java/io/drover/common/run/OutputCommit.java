package io.drover.common.run;

import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All-or-nothing output for a chain of jobs. Jobs write under a hidden work dir beside the output
 * ({@code .NAME.drover-UUID}, skipped by Hadoop's input listing); {@link #commit()} moves the
 * finished result into place by rename; {@link #close()} removes the work dir whatever happened.
 *
 * <p>So a failed or killed job never leaves a half-written output. With overwrite the old output
 * stays in place until the new one is complete, is then moved aside into the work dir (not
 * deleted), and is put back if the new one cannot be moved into place. Nothing outside the output
 * and the work dirs is ever deleted, and an output that is, or contains, one of the inputs is
 * refused.
 *
 * <p>Plain overwrite replaces only what a job wrote: an empty dir, or one with {@code _SUCCESS},
 * {@code _FINGERPRINT} or part files; any other dir needs {@link Overwrite#FORCE}.
 *
 * <p>A client killed outright (SIGKILL) cannot remove its work dir. Each work dir therefore names
 * its owner ({@link RunOwner}, in {@code _owner}) and the jobs it submitted (one empty file per job
 * id under {@code _jobs/}, written by {@link Jobs} right after the submission), and {@link
 * #prepare} sweeps the work dirs of the same output whose owners are dead, and only those: first
 * it kills their jobs that still run on YARN ({@link DeadRunJobs}), which would otherwise write on
 * into the swept dir and recreate it; an old output such a dir holds is put back when the output
 * is missing, and removed with the dir when the new output is in place.
 *
 * <p>A run that writes its output in place and resumes it (gradient descent) uses {@link
 * #prepareInPlace}, {@link #moveAside} and {@link #putBack}: the same work dir and sweep; and
 * {@link #finishedInPlace} for its run manifest.
 *
 * <p>{@link #prepare} tells the run's {@link RunRecorder} the inputs; {@link #commit} writes the
 * run manifest into the output.
 */
public final class OutputCommit implements Closeable {
  static final String OWNER_FILE = "_owner";
  static final String REPLACED = "replaced";
  /** Names that only a job writes at the top of its output dir (and part-* files). */
  static final List<String> JOB_MARKERS = List.of("_SUCCESS", "_FINGERPRINT", "_temporary");
  private static final int NAMED = 3;
  /** The dir in a work dir that names the run's jobs, one empty file per job id. */
  static final String JOBS_DIR = "_jobs";
  /**
   * Set by {@link #prepare} on the configuration it is given (and so on the jobs made from it):
   * the work dir, where {@link #recordJob} notes each job submitted.
   */
  public static final String WORK_DIR = "drover.output.work.dir";
  /**
   * A work dir without an owner file but with job output in it ({@code _SUCCESS}, part files,
   * {@code _temporary}) is litter once nothing in it changed for this long: a live run writes its
   * owner file before any job starts, so only a job left running by a dead client (whose work dir
   * was swept under it) makes one.
   */
  static final long LITTER_GRACE_MS = 60_000;
  private static final Logger LOG = LoggerFactory.getLogger(OutputCommit.class);

  private final Configuration conf;
  private final FileSystem fs;
  private final Path output;
  private final boolean overwrite;
  private final Path work;
  private final ScheduledExecutorService heartbeat;
  private boolean keepWork;

  private OutputCommit(
      Configuration conf, FileSystem fs, Path output, boolean overwrite, Path work) {
    this.conf = conf;
    this.fs = fs;
    this.output = output;
    this.overwrite = overwrite;
    this.work = work;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "drover-output-lease");
      t.setDaemon(true);
      return t;
    });
    Path owner = new Path(work, OWNER_FILE);
    heartbeat.scheduleWithFixedDelay(() -> {
      try {
        fs.setTimes(owner, System.currentTimeMillis(), -1);
      } catch (IOException | RuntimeException e) {
        LOG.debug("could not refresh {}", owner, e);
      }
    }, RunOwner.HEARTBEAT_MS, RunOwner.HEARTBEAT_MS, TimeUnit.MILLISECONDS);
  }

  /** As {@link #prepare(Configuration, Path, Overwrite, List)}: true is plain --overwrite. */
  public static OutputCommit prepare(
      Configuration conf, Path output, boolean overwrite, List<Path> inputs)
      throws IOException, UsageException {
    return prepare(conf, output, overwrite ? Overwrite.JOB_OUTPUT : Overwrite.NO, inputs);
  }

  /**
   * Checks the output can be written, sweeps the work dirs that dead clients left beside it and
   * reserves a work dir of its own.
   *
   * @throws UsageException when the output exists and {@code overwrite} is NO, or it holds what
   *     no job wrote and {@code overwrite} is not FORCE; when it or an ancestor is a file, or it
   *     is or contains an input
   */
  public static OutputCommit prepare(
      Configuration conf, Path output, Overwrite overwrite, List<Path> inputs)
      throws IOException, UsageException {
    FileSystem fs = output.getFileSystem(conf);
    Path out = check(conf, fs, output, overwrite, inputs);
    if (fs.exists(out) && !overwrite.allowed()) {
      throw new UsageException(
          "output directory " + out + " already exists; pass --overwrite to replace it");
    }
    ManifestWriter.recordInputs(conf, inputs);
    return reserve(conf, fs, out, overwrite.allowed());
  }

  /**
   * For a run that writes its output in place and may resume it: the checks of {@link #prepare}
   * except that an existing output is not refused (the caller decides whether it resumes), the
   * sweep, and a work dir. With overwrite, {@link #moveAside} then moves the old output into it.
   */
  public static OutputCommit prepareInPlace(
      Configuration conf, Path output, Overwrite overwrite, List<Path> inputs)
      throws IOException, UsageException {
    FileSystem fs = output.getFileSystem(conf);
    Path out = check(conf, fs, output, overwrite, inputs);
    ManifestWriter.recordInputs(conf, inputs);
    return reserve(conf, fs, out, overwrite.allowed());
  }

  /**
   * An in-place run (see {@link #prepareInPlace}) has written its output: writes the run manifest
   * into it ({@code _drover/manifest.json}). Call it last, just before the run marks the output
   * finished.
   */
  public void finishedInPlace() throws IOException {
    ManifestWriter.writeInto(conf, output);
    ManifestWriter.placed(conf, output);
  }

  /** The checks of prepare; returns the qualified output. */
  private static Path check(
      Configuration conf, FileSystem fs, Path output, Overwrite overwrite, List<Path> inputs)
      throws IOException, UsageException {
    Path out = qualified(conf, output);
    if (out.isRoot()) {
      throw new UsageException("output " + out + " is a file system root");
    }
    for (Path input : inputs) {
      Path in = qualified(conf, input);
      if (isSameOrAncestor(out, in)) {
        throw new UsageException("output " + out + " is or contains the input " + in);
      }
    }
    for (Path p = out.getParent(); p != null; p = p.getParent()) {
      FileStatus st;
      try {
        st = fs.getFileStatus(p);
      } catch (FileNotFoundException | ParentNotDirectoryException e) {
        continue; // created with the output
      }
      if (!st.isDirectory()) {
        throw new UsageException("output " + out + " cannot be created: " + p
            + " is a file, not a directory; choose an output path under a directory");
      }
      break;
    }
    // first: it may put back an old output a killed run moved aside
    sweepDeadWorkDirs(conf, fs, out);
    if (fs.exists(out)) {
      FileStatus st = fs.getFileStatus(out);
      if (!st.isDirectory()) {
        throw new UsageException("output " + out + " exists and is a file, not a directory");
      }
      if (overwrite == Overwrite.JOB_OUTPUT) {
        List<String> foreign = notJobOutput(fs.listStatus(out));
        if (!foreign.isEmpty()) {
          throw new UsageException("output directory " + out + " is not a job output (no"
              + " _SUCCESS, no part files) and holds " + names(foreign) + "; --overwrite"
              + " replaces only a previous job output: pass --overwrite=" + Overwrite.FORCE_VALUE
              + " to replace this directory and everything in it, or choose another output");
        }
      }
    }
    return out;
  }

  /**
   * The entries of a dir (its listing) when it is not empty and holds none of a job's marks
   * ({@link #JOB_MARKERS}, {@code part-*}); empty when it is empty or a job output. Sorted, dirs
   * with a trailing {@code /}.
   */
  static List<String> notJobOutput(FileStatus[] children) {
    List<String> names = new ArrayList<>();
    for (FileStatus c : children) {
      String n = c.getPath().getName();
      if (JOB_MARKERS.contains(n) || n.startsWith("part-")) {
        return List.of();
      }
      names.add(n + (c.isDirectory() ? "/" : ""));
    }
    names.sort(null);
    return names;
  }

  private static String names(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(NAMED, names.size())));
    return names.size() <= NAMED ? shown : shown + " and " + (names.size() - NAMED) + " more";
  }

  private static OutputCommit reserve(Configuration conf, FileSystem fs, Path out,
      boolean overwrite) throws IOException {
    Path work = new Path(out.getParent(), workPrefix(out) + UUID.randomUUID());
    if (!fs.mkdirs(work)) {
      throw new IOException("could not create the work dir " + work);
    }
    try (FSDataOutputStream o = fs.create(new Path(work, OWNER_FILE), false)) {
      o.write((RunOwner.self().format() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    conf.set(WORK_DIR, work.toString());
    return new OutputCommit(conf, fs, out, overwrite, work);
  }

  /**
   * Notes {@code jobId} in the work dir named by {@code jobConf} ({@link #WORK_DIR}), so a later
   * run can kill the job if this client dies while it runs. Does nothing for a job outside an
   * OutputCommit; a note that cannot be written is only logged (the job itself is fine).
   */
  public static void recordJob(Configuration jobConf, String jobId) {
    String work = jobConf.get(WORK_DIR);
    if (work == null || jobId == null) {
      return;
    }
    Path note = new Path(new Path(work, JOBS_DIR), jobId);
    try {
      note.getFileSystem(jobConf).create(note, true).close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not note job {} in {}: if this client dies, a later run cannot stop it",
          jobId, note.getParent(), e);
    }
  }

  /** Where the last job of the chain writes its final output. */
  public Path staging() {
    return new Path(work, "out");
  }

  /** A scratch dir for intermediate results, removed by {@link #close()}. */
  public Path temp(String name) {
    return new Path(work, name);
  }

  public Path output() {
    return output;
  }

  /**
   * In-place runs with overwrite: moves the existing output (if any) aside into the work dir now,
   * before the run writes anything. {@link #close()} removes it; {@link #putBack} restores it.
   *
   * @return whether there was an output to move
   */
  public boolean moveAside() throws IOException, JobFailedException {
    if (!fs.exists(output)) {
      return false;
    }
    Path aside = new Path(work, REPLACED);
    if (!fs.rename(output, aside)) {
      throw new JobFailedException("could not move the old output " + output + " aside to "
          + aside + ": it is unchanged and nothing was run");
    }
    return true;
  }

  /**
   * After a failed in-place run: removes what it wrote to the output and puts the old output
   * (moved aside by {@link #moveAside}) back; when that fails, keeps it in the work dir.
   *
   * @return what happened, for the user
   */
  public String putBack() throws IOException {
    Path aside = new Path(work, REPLACED);
    if (!fs.exists(aside)) {
      return "";
    }
    if ((!fs.exists(output) || fs.delete(output, true)) && fs.rename(aside, output)) {
      return "the old output is back in place in " + output;
    }
    keepWork = true;
    return "the old output could not be put back: it is kept at " + aside
        + " (move it back with: hadoop fs -mv " + aside + " " + output + ")";
  }

  /**
   * Moves the finished staging output into place, with the run manifest ({@link RunRecorder},
   * {@code _drover/manifest.json}) written into it first. An old output (overwrite) is first moved aside
   * into the work dir, removed with it by {@link #close()} once the new one is in place, and moved
   * back when the new one cannot be; if even that fails it is kept where it is and the message
   * says where.
   */
  public void commit() throws IOException, JobFailedException {
    if (!fs.exists(staging())) {
      throw new JobFailedException("no output was produced under " + staging());
    }
    // into the staging dir: it lands with the output in the one rename
    ManifestWriter.writeInto(conf, staging());
    Path aside = null;
    if (fs.exists(output)) {
      if (!overwrite) {
        throw new JobFailedException(
            "output directory " + output + " appeared while the job ran; result left unwritten");
      }
      aside = new Path(work, REPLACED);
      if (!fs.rename(output, aside)) {
        throw new JobFailedException("the job succeeded, but the old output " + output
            + " could not be moved aside to " + aside
            + ": it is unchanged and the new result was not written");
      }
    }
    IOException cause = null;
    boolean placed;
    try {
      placed = fs.rename(staging(), output);
    } catch (IOException e) {
      placed = false;
      cause = e;
    }
    if (placed) {
      ManifestWriter.placed(conf, output);
      return;
    }
    String failed = "the job succeeded, but its result could not be renamed from " + staging()
        + " to " + output;
    if (aside != null) {
      boolean restored;
      try {
        restored = !fs.exists(output) && fs.rename(aside, output);
      } catch (IOException e) {
        restored = false;
      }
      if (!restored) {
        keepWork = true;
        throw new JobFailedException(failed + ", nor the old output moved back: it is kept at "
            + aside + " (move it back with: hadoop fs -mv " + aside + " " + output + ")", cause);
      }
      failed += "; the old output is back in place";
    }
    throw new JobFailedException(failed + " (" + (cause == null ? "rename returned false"
        : cause.getMessage()) + ")", cause);
  }

  /** Removes the work dir and everything in it (unless it holds the only copy of old output). */
  @Override
  public void close() throws IOException {
    heartbeat.shutdownNow();
    if (work.toString().equals(conf.get(WORK_DIR))) {
      conf.unset(WORK_DIR);
    }
    if (!keepWork && fs.exists(work)) {
      fs.delete(work, true);
    }
  }

  private static String workPrefix(Path out) {
    return "." + out.getName() + ".drover-";
  }

  /**
   * Removes the work dirs beside {@code out} whose owners are dead: on this host a process that
   * is gone, elsewhere a lease not refreshed for {@link RunOwner#LEASE_MS}. The jobs such a dir
   * names that still run are killed first; when that cannot be confirmed the dir stays (and a
   * warning says why). A work dir without an owner file is swept when it holds job output and
   * nothing in it changed for {@link #LITTER_GRACE_MS}, or holds none and its own time is older
   * than the lease. An old output such a dir holds ({@code replaced}) is moved back when the
   * output is missing, removed with the dir when the new output was put in place (no staging
   * output left), else left alone for a human to decide.
   */
  static void sweepDeadWorkDirs(Configuration conf, FileSystem fs, Path out) throws IOException {
    String prefix = workPrefix(out);
    if (!fs.exists(out.getParent())) {
      return; // nothing beside it yet (HDFS lists a missing dir as an error)
    }
    FileStatus[] siblings = fs.listStatus(out.getParent(),
        p -> p.getName().startsWith(prefix));
    String host = RunOwner.localHost();
    long now = System.currentTimeMillis();
    for (FileStatus dir : siblings) {
      if (!dir.isDirectory()) {
        continue;
      }
      Path ownerFile = new Path(dir.getPath(), OWNER_FILE);
      boolean dead;
      if (fs.exists(ownerFile)) {
        long age = now - fs.getFileStatus(ownerFile).getModificationTime();
        String line;
        try (FSDataInputStream in = fs.open(ownerFile)) {
          line = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        dead = RunOwner.parse(line).map(o -> o.isDead(host, age))
            .orElse(age > RunOwner.LEASE_MS);
      } else {
        Litter l = new Litter();
        l.scan(fs, dir);
        dead = l.jobOutput ? now - l.newest > LITTER_GRACE_MS
            : now - dir.getModificationTime() > RunOwner.LEASE_MS;
      }
      if (dead && !DeadRunJobs.stop(conf, jobsOf(fs, dir.getPath()), dir.getPath())) {
        continue;
      }
      if (dead && keepsOldOutput(fs, dir.getPath(), out)) {
        continue;
      }
      if (dead) {
        LOG.info("removing {}, the work dir of a run that is no longer alive", dir.getPath());
        fs.delete(dir.getPath(), true);
      }
    }
  }
  /**
   * A dead run's old output ({@code replaced}): moved back when the output is missing (false: the
   * dir may go); true (keep the dir) only when both the output and the dead run's staging output
   * exist, which a human must sort out.
   */
  private static boolean keepsOldOutput(FileSystem fs, Path dir, Path out) throws IOException {
    Path aside = new Path(dir, REPLACED);
    if (!fs.exists(aside)) {
      return false;
    }
    if (!fs.exists(out)) {
      if (fs.rename(aside, out)) {
        LOG.warn("{}: put back the old output that a killed run had moved aside to {}", out,
            aside);
        return false;
      }
      return true;
    }
    return fs.exists(new Path(dir, "out"));
  }

  /** The job ids noted in a work dir ({@link #recordJob}). */
  private static List<String> jobsOf(FileSystem fs, Path dir) throws IOException {
    Path jobs = new Path(dir, JOBS_DIR);
    List<String> ids = new java.util.ArrayList<>();
    if (fs.exists(jobs)) {
      for (FileStatus f : fs.listStatus(jobs)) {
        ids.add(f.getPath().getName());
      }
    }
    return ids;
  }

  /** What an owner-less work dir holds: job output, and the newest time of anything in it. */
  private static final class Litter {
    boolean jobOutput;
    long newest;

    void scan(FileSystem fs, FileStatus st) throws IOException {
      newest = Math.max(newest, st.getModificationTime());
      String name = st.getPath().getName();
      jobOutput |= name.equals("_SUCCESS") || name.equals("_temporary") || name.startsWith("part-");
      if (st.isDirectory()) {
        for (FileStatus child : fs.listStatus(st.getPath())) {
          scan(fs, child);
        }
      }
    }
  }

  /** Qualified, and without a trailing slash (which URIs of existing dirs may carry). */
  private static Path qualified(Configuration conf, Path p) throws IOException {
    Path plain = new Path(p.toString());
    return plain.getFileSystem(conf).makeQualified(plain);
  }

  private static boolean isSameOrAncestor(Path a, Path b) {
    for (Path p = b; p != null; p = p.getParent()) {
      if (p.equals(a)) {
        return true;
      }
    }
    return false;
  }
}
