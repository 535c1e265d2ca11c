package io.drover.common.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;

/**
 * One copy of the job jar on the cluster's file system for every job of every run, instead of
 * one per job. Hadoop's submitter copies a job jar that is on the local file system into each
 * job's staging dir, and YARN localizes it with APPLICATION visibility: every job (every
 * iteration of an iterative run) uploads the 14 MB jar and every ApplicationMaster downloads and
 * unpacks it again. A job jar already on a non-local file system is used where it is (Hadoop's
 * {@code JobResourceUploader}), and {@code mapreduce.job.jobjar.visibility=true} makes it a PUBLIC
 * resource, which each NodeManager localizes once and keeps across applications (both the
 * ApplicationMaster's container and the tasks' read that key, Hadoop 3.5's {@code YARNRunner} and
 * {@code TaskAttemptImpl}).
 *
 * <p>So before a cluster job is submitted ({@link Jobs}, the one place Drover submits), a local job
 * jar is uploaded once, content-addressed ({@code <sha256>.jar}), into {@link #DIR} on the
 * cluster's default file system (default: {@code .drover/jars} in the user's home dir, the user's
 * own quota, which only the user can write to, so a jar found there under its digest is trusted),
 * world-readable in world-searchable dirs; a jar already there is used as it is. The job points
 * at it, with public visibility when YARN will accept it as public ({@link PublicResource}),
 * else with Hadoop's APPLICATION visibility (still no upload per job) and one line on stderr
 * saying which dir is not searchable. Nothing changes in local mode or on a local default file
 * system, for a jar already on a cluster file system, or with {@code drover.jobjar.shared=false};
 * if the dir cannot be written the job goes as Hadoop sends it, after one line saying why.
 */
public final class SharedJobJar {
  /** Whether cluster jobs use the shared copy of their jar (default true). */
  public static final String SHARED = "drover.jobjar.shared";
  /** Where the shared jars live on the default file system; relative: to the user's home dir. */
  public static final String DIR = "drover.jobjar.dir";
  public static final String DEFAULT_DIR = ".drover/jars";

  static final FsPermission FILE_MODE = new FsPermission((short) 0644);
  static final FsPermission DIR_MODE = new FsPermission((short) 0755);

  /** The jar a job uses, whether it is public (else why not), whether this call uploaded it. */
  public record Shared(Path jar, boolean isPublic, String notPublicBecause, boolean uploaded) {}

  /** Digests of local jars by path, size and modification time: hashed once per JVM. */
  private static final Map<String, byte[]> DIGESTS = new ConcurrentHashMap<>();
  /** Public verdicts by shared jar and its modification time. */
  private static final Map<String, String> VERDICTS = new ConcurrentHashMap<>();
  private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();
  private static final String PUBLIC = "";

  private SharedJobJar() {}

  /**
   * Points {@code job} at the shared copy of its local jar, uploading it if it is not there yet,
   * when the job runs on a cluster with a non-local default file system (see the class comment).
   * Never fails the job: a problem is told once on {@code err} and the job keeps its jar.
   */
  public static void apply(Job job, PrintStream err) {
    Configuration conf = job.getConfiguration();
    String jar = job.getJar();
    if (jar == null || !conf.getBoolean(SHARED, true) || InputPacking.isLocal(conf)) {
      return;
    }
    URI uri = new Path(jar).toUri();
    if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
      return; // already on a cluster file system: Hadoop uses it where it is
    }
    Path dir = null;
    try {
      FileSystem fs = FileSystem.get(conf);
      if (InputPacking.isLocalFs(fs)) {
        return;
      }
      dir = dir(conf, fs);
      Shared s = share(fs, dir, java.nio.file.Path.of(uri.getPath()));
      job.setJar(s.jar().toString());
      conf.setBoolean(MRJobConfig.JOBJAR_VISIBILITY, s.isPublic());
      if (!s.isPublic()) {
        tellOnce(err, "drover: the shared job jar " + s.jar() + " is not public: "
            + s.notPublicBecause() + "; YARN localizes it once per job, not once per node");
      }
    } catch (IOException | RuntimeException e) {
      tellOnce(err, "drover: cannot share the job jar in " + (dir == null ? DIR : dir) + " ("
          + e.getMessage() + "); each job uploads its own copy");
    }
  }

  /** {@link #DIR} on {@code fs}, qualified; a relative one under the user's home dir. */
  public static Path dir(Configuration conf, FileSystem fs) {
    Path d = new Path(conf.get(DIR, DEFAULT_DIR));
    return fs.makeQualified(d.isAbsolute() ? d : new Path(fs.getHomeDirectory(), d));
  }

  /**
   * The shared copy of {@code localJar} in {@code dir} on {@code fs}: the one there if its
   * length is right, else uploaded (to a temporary name, made world-readable, then renamed, so a
   * half-written jar never has the final name; a concurrent run's equal copy is taken as it is).
   */
  public static Shared share(FileSystem fs, Path dir, java.nio.file.Path localJar)
      throws IOException {
    long size = Files.size(localJar);
    Path target = fs.makeQualified(new Path(dir, PublicResource.jarName(digest(localJar))));
    FileStatus st = statOrNull(fs, target);
    boolean uploaded = false;
    if (st == null || st.getLen() != size) {
      upload(fs, dir, localJar, target, size);
      uploaded = true;
      st = fs.getFileStatus(target);
    }
    String key = target + "@" + st.getModificationTime();
    String why = VERDICTS.get(key);
    if (why == null) {
      why = notPublicBecause(fs, target, st);
      VERDICTS.put(key, why == null ? PUBLIC : why);
    }
    boolean isPublic = why == null || why.equals(PUBLIC);
    return new Shared(target, isPublic, isPublic ? null : why, uploaded);
  }

  /** The SHA-256 of a local file, once per JVM for a given path, size and modification time. */
  static byte[] digest(java.nio.file.Path file) throws IOException {
    String key = file.toAbsolutePath() + "|" + Files.size(file) + "|"
        + Files.getLastModifiedTime(file).toMillis();
    byte[] d = DIGESTS.get(key);
    if (d == null) {
      MessageDigest md;
      try {
        md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      d = md.digest();
      DIGESTS.put(key, d);
    }
    return d.clone();
  }

  private static void upload(FileSystem fs, Path dir, java.nio.file.Path local, Path target,
      long size) throws IOException {
    mkdirsSearchable(fs, fs.makeQualified(dir));
    Path tmp = new Path(dir, "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    try {
      fs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp);
      fs.setPermission(tmp, FILE_MODE);
      FileStatus there = statOrNull(fs, target);
      if (there != null && there.getLen() == size) {
        return; // a concurrent run put it there meanwhile: its jobs may use it, keep it
      }
      if (there != null) {
        fs.delete(target, false); // of another length: not this jar, whatever its name says
      }
      if (!fs.rename(tmp, target)) {
        there = statOrNull(fs, target);
        if (there == null || there.getLen() != size) {
          throw new IOException("cannot rename " + tmp + " to " + target);
        }
      }
    } finally {
      if (fs.exists(tmp)) {
        fs.delete(tmp, false);
      }
    }
  }

  /** Makes {@code dir} and each missing dir above it, each with mode 0755 whatever the umask. */
  private static void mkdirsSearchable(FileSystem fs, Path dir) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir; p != null && !fs.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      fs.mkdirs(p);
      fs.setPermission(p, DIR_MODE);
    }
  }

  /** YARN's public test ({@link PublicResource}) on the real file and dirs; null: public. */
  static String notPublicBecause(FileSystem fs, Path file, FileStatus st) throws IOException {
    List<PublicResource.Ancestor> up = new ArrayList<>();
    for (Path p = file.getParent(); p != null; p = p.getParent()) {
      up.add(new PublicResource.Ancestor(
          p.toString(), fs.getFileStatus(p).getPermission().toShort()));
    }
    return PublicResource.notPublicBecause(file.toString(), st.getPermission().toShort(), up);
  }

  private static FileStatus statOrNull(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p);
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  private static void tellOnce(PrintStream err, String line) {
    if (TOLD.add(line)) {
      err.println(line);
    }
  }
}
