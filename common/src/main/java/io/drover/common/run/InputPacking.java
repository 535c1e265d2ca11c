package io.drover.common.run;

import io.drover.common.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.mapreduce.lib.input.CombineTextInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * Text input for jobs that read many files ({@link PackedTextInputFormat}): checks every input
 * exists, reads directories recursively, and packs small files into few splits (one map task per 300 small files is what
 * makes Hadoop's WordCount slow). Compressed input (gzip, bzip2, ...) is read transparently.
 */
public final class InputPacking {
  /** Upper bound of one packed split, in bytes. Unset: chosen from the input size (see below). */
  public static final String SPLIT_MAX_BYTES = "drover.input.split.max-bytes";

  /** Local runner: at least this much per split, so tiny inputs do not start many tasks. */
  static final long LOCAL_MIN_SPLIT = 4L << 20;

  /** Cluster default when unset: one HDFS block. */
  static final long CLUSTER_SPLIT = 128L << 20;

  /**
   * Hadoop's rule for input listings ({@code FileInputFormat}'s hidden-file filter): names that
   * start with {@code _} or {@code .} ({@code _SUCCESS}, {@code .crc} files, work dirs) are not
   * input.
   */
  public static final PathFilter VISIBLE =
      p -> !p.getName().startsWith("_") && !p.getName().startsWith(".");

  private InputPacking() {}

  /** True when jobs run in this JVM on Hadoop's LocalJobRunner (framework unset or local). */
  public static boolean isLocal(Configuration conf) {
    return MRConfig.LOCAL_FRAMEWORK_NAME.equals(
        conf.get(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME));
  }

  /** Expands globs and checks that each input exists; the message names the missing path. */
  public static List<Path> resolveInputs(Configuration conf, List<Path> inputs)
      throws IOException, UsageException {
    List<Path> found = new ArrayList<>();
    for (Path p : inputs) {
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(p);
      if (matches == null || matches.length == 0) {
        throw new UsageException("input path does not exist: " + fs.makeQualified(p));
      }
      for (FileStatus m : matches) {
        found.add(m.getPath());
      }
    }
    return found;
  }

  /**
   * Every input file as a path, sorted (directories recursively, names starting with _ or .
   * skipped): the one listing of the iterative programs' inputs, so that every run numbers the
   * records the same way.
   */
  public static List<Path> sortedFiles(Configuration conf, List<Path> inputs)
      throws IOException, io.drover.common.cli.UsageException {
    List<Path> out = new java.util.ArrayList<>();
    for (FileStatus st : listFiles(conf, resolveInputs(conf, inputs))) {
      out.add(st.getPath());
    }
    out.sort(null);
    return out;
  }

  /**
   * Every input file, in the order the jobs read them: globs expanded, directories walked (their
   * entries sorted by name), hidden names ({@link #VISIBLE}) skipped at every level. The one
   * listing of the programs' clients (sampling, fingerprints) and of {@link
   * PackedTextInputFormat}: on the local file system it reads with java.nio, since Hadoop's local
   * listing forks {@code ls -ld} per file for its permissions when the native library is absent.
   *
   * @throws IOException an input that does not exist or matches nothing (named)
   */
  public static List<FileStatus> listFiles(Configuration conf, List<Path> inputs)
      throws IOException {
    List<IOException> errors = new ArrayList<>();
    List<FileStatus> files = list(conf, inputs, true, null, errors);
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
    return files;
  }

  /**
   * The listing of {@link #listFiles} with {@code FileInputFormat}'s options: {@code recursive}
   * (else a directory inside an input is listed as itself), a {@code filter} besides the hidden
   * names (may be null); missing inputs are added to {@code errors}.
   */
  static List<FileStatus> list(Configuration conf, List<Path> inputs, boolean recursive,
      PathFilter filter, List<IOException> errors) throws IOException {
    List<FileStatus> result = new ArrayList<>();
    for (Path p : inputs) {
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] matches = matches(fs, p, filter);
      if (matches == null) {
        errors.add(new IOException("Input path does not exist: " + p));
      } else if (matches.length == 0) {
        errors.add(new IOException("Input Pattern " + p + " matches 0 files"));
      } else {
        // a plain local path's match is already java.nio's status (matches)
        boolean nio = isLocalFs(fs) && plain(p);
        for (FileStatus m : matches) {
          if (isLocalFs(fs)) {
            java.nio.file.Path local = Paths.get(fs.makeQualified(m.getPath()).toUri());
            if (Files.isDirectory(local)) {
              addLocalDir(fs, local, recursive, filter, result);
            } else {
              result.add(nio ? m : nioStatus(fs, local));
            }
          } else if (m.isDirectory()) {
            addDir(fs, m.getPath(), recursive, filter, result);
          } else {
            result.add(m);
          }
        }
      }
    }
    return result;
  }

  /**
   * What {@code fs.globStatus(p, visible and filter)} returns (null: {@code p} is a plain path
   * that does not exist, or that the filter refuses), with a local path that has no glob
   * characters looked up directly: Hadoop's globber takes ~0.5 ms per path, and the manifest
   * lists every file a glob matched once more.
   */
  static FileStatus[] matches(FileSystem fs, Path p, PathFilter filter) throws IOException {
    if (!isLocalFs(fs) || !plain(p)) {
      return fs.globStatus(p, path -> visible(path, filter));
    }
    Path q = fs.makeQualified(p);
    java.nio.file.Path local = Paths.get(q.toUri());
    if (!Files.exists(local) || !visible(q, filter)) {
      return null;
    }
    return new FileStatus[] {nioStatus(fs, local)};
  }

  /** A path with none of the characters Hadoop's glob syntax gives a meaning (nor escapes). */
  static boolean plain(Path p) {
    String s = p.toUri().getPath();
    for (int i = 0; i < s.length(); i++) {
      if ("*?[]{}\\".indexOf(s.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** True for the local file system (file://), whatever class implements it. */
  public static boolean isLocalFs(FileSystem fs) {
    return "file".equals(fs.getUri().getScheme());
  }

  private static boolean visible(Path p, PathFilter filter) {
    return VISIBLE.accept(p) && (filter == null || filter.accept(p));
  }

  private static void addDir(FileSystem fs, Path dir, boolean recursive, PathFilter filter,
      List<FileStatus> out) throws IOException {
    FileStatus[] children = fs.listStatus(dir);
    Arrays.sort(children, Comparator.comparing(c -> c.getPath().getName()));
    for (FileStatus c : children) {
      if (!visible(c.getPath(), filter)) {
        continue;
      }
      if (c.isDirectory() && recursive) {
        addDir(fs, c.getPath(), true, filter, out);
      } else {
        out.add(c);
      }
    }
  }

  private static void addLocalDir(FileSystem fs, java.nio.file.Path dir, boolean recursive,
      PathFilter filter, List<FileStatus> out) throws IOException {
    List<java.nio.file.Path> children;
    try (Stream<java.nio.file.Path> s = Files.list(dir)) {
      children = s.sorted(Comparator.comparing(java.nio.file.Path::toString)).toList();
    }
    for (java.nio.file.Path c : children) {
      // a Path from a nio path string: a dir's URI would end in '/', and its name would be ""
      Path hp = fs.makeQualified(new Path(c.toString()));
      if (!visible(hp, filter)) {
        continue;
      }
      if (Files.isDirectory(c) && recursive) {
        addLocalDir(fs, c, true, filter, out);
      } else {
        out.add(nioStatus(fs, c)); // a dir when not recursive: as FileInputFormat lists it
      }
    }
  }

  /** A local file's status with its permissions and owner read by java.nio (no fork). */
  static FileStatus nioStatus(FileSystem fs, java.nio.file.Path file) throws IOException {
    Path path = fs.makeQualified(new Path(file.toString()));
    BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
    FsPermission perm = FsPermission.getFileDefault();
    String owner = "";
    String group = "";
    try {
      PosixFileAttributes posix =
          Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      perm = FsPermission.valueOf("-" + PosixFilePermissions.toString(posix.permissions()));
      owner = posix.owner().getName();
      group = posix.group().getName();
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: defaults are good enough for split planning
    }
    return new FileStatus(basic.size(), basic.isDirectory(), 1, fs.getDefaultBlockSize(path),
        basic.lastModifiedTime().toMillis(), basic.lastAccessTime().toMillis(), perm, owner, group,
        path);
  }

  /**
   * Sets {@link CombineTextInputFormat} over {@code inputs} with a split size that gives each map
   * slot about one split in local mode, and one block per split on a cluster.
   */
  public static void configure(Job job, List<Path> inputs) throws IOException {
    Configuration conf = job.getConfiguration();
    job.setInputFormatClass(PackedTextInputFormat.class);
    FileInputFormat.setInputDirRecursive(job, true);
    FileInputFormat.setInputPaths(job, inputs.toArray(new Path[0]));
    CombineTextInputFormat.setMaxInputSplitSize(job, splitBytes(conf, inputs));
  }

  /**
   * The upper bound of one packed split: {@link #SPLIT_MAX_BYTES} when set to a positive value,
   * else {@link #defaultSplitBytes}.
   */
  public static long splitBytes(Configuration conf, List<Path> inputs) throws IOException {
    return splitBytes(conf, inputs, 1);
  }

  /** As {@link #splitBytes(Configuration, List)}, aiming at {@code splitsPerSlot} per slot. */
  public static long splitBytes(Configuration conf, List<Path> inputs, int splitsPerSlot)
      throws IOException {
    long max = conf.getLong(SPLIT_MAX_BYTES, -1);
    return max > 0 ? max : defaultSplitBytes(conf, inputs, splitsPerSlot);
  }

  /**
   * The packed split size used when {@link #SPLIT_MAX_BYTES} is unset: about one split per map
   * slot in local mode (at least 4 MiB), one HDFS block on a cluster.
   */
  public static long defaultSplitBytes(Configuration conf, List<Path> inputs) throws IOException {
    return defaultSplitBytes(conf, inputs, 1);
  }

  /**
   * As {@link #defaultSplitBytes(Configuration, List)} with about {@code splitsPerSlot} splits per
   * local slot: where the work per byte is uneven (a command started per file, say), smaller
   * splits let the slots that finish early take the rest instead of idling.
   */
  public static long defaultSplitBytes(Configuration conf, List<Path> inputs, int splitsPerSlot)
      throws IOException {
    if (!isLocal(conf)) {
      return CLUSTER_SPLIT;
    }
    long total = 0;
    for (Path p : inputs) {
      total += p.getFileSystem(conf).getContentSummary(p).getLength();
    }
    long splits = (long) Math.max(1, conf.getInt("mapreduce.local.map.tasks.maximum", 1))
        * Math.max(1, splitsPerSlot);
    long perSlot = (total + splits - 1) / splits;
    return Math.max(LOCAL_MIN_SPLIT, perSlot);
  }

  /**
   * The size of a (file) split that reads {@code inputs} in whole waves of the local map slots,
   * each split at most {@link #CLUSTER_SPLIT}: 97 MB on 2 slots is two splits of 48.5 MB, not
   * Hadoop's three of 32 MB whose third runs alone; 750 MB is six of 125 MB. {@link
   * #SPLIT_MAX_BYTES} when set; -1 on a cluster (Hadoop's splits, one per block).
   */
  public static long balancedSplitBytes(Configuration conf, List<Path> inputs)
      throws IOException {
    long max = conf.getLong(SPLIT_MAX_BYTES, -1);
    if (max > 0) {
      return max;
    }
    if (!isLocal(conf)) {
      return -1;
    }
    long total = 0;
    for (Path p : inputs) {
      FileSystem fs = p.getFileSystem(conf);
      if (fs.exists(p)) {
        total += fs.getContentSummary(p).getLength();
      }
    }
    long slots = Math.max(1, conf.getInt("mapreduce.local.map.tasks.maximum", 1));
    long waves = Math.max(1, (total + slots * CLUSTER_SPLIT - 1) / (slots * CLUSTER_SPLIT));
    return Math.max(LOCAL_MIN_SPLIT, (total + slots * waves - 1) / (slots * waves));
  }
}
