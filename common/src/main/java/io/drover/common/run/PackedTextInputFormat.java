package io.drover.common.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.CombineTextInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter;
import org.apache.hadoop.mapreduce.lib.input.InvalidInputException;

/**
 * {@link CombineTextInputFormat} (many small files packed into few splits) whose listing of
 * local-file-system inputs does not fork a process per file.
 *
 * <p>Without Hadoop's native library, the local file system learns a file's permissions by
 * running {@code ls -ld} on it, and Hadoop's input listing asks for them: one process per input
 * file (308 for gutenberg-medium, about a second of job start-up). This listing reads the same
 * facts with java.nio and applies the same rules as {@code FileInputFormat}: hidden names
 * ({@code _} or {@code .}) skipped at every level, the job's input path filter, directories
 * walked when {@code input.dir.recursive} is set. Inputs on any other file system (HDFS, S3, ...)
 * are listed by Hadoop as usual.
 */
public class PackedTextInputFormat extends CombineTextInputFormat {

  /**
   * Hadoop's reader, counting the split's bytes into {@link FileInputFormatCounter#BYTES_READ}
   * as it goes (Hadoop counts them only for plain FileSplits), so the client can show MB/s and
   * the bytes a job read.
   */
  @Override
  public RecordReader<LongWritable, Text> createRecordReader(InputSplit split,
      TaskAttemptContext context) throws IOException {
    return new CountingReader(super.createRecordReader(split, context),
        ((CombineFileSplit) split).getLength(),
        context.getCounter(FileInputFormatCounter.BYTES_READ));
  }

  private static final class CountingReader extends RecordReader<LongWritable, Text> {
    private final RecordReader<LongWritable, Text> in;
    private final long length;
    private final org.apache.hadoop.mapreduce.Counter bytes; // FileInputFormat.Counter shadows it
    private long counted;
    private int sinceCount;
    private TaskAttemptContext context;

    CountingReader(RecordReader<LongWritable, Text> in, long length,
        org.apache.hadoop.mapreduce.Counter bytes) {
      this.in = in;
      this.length = length;
      this.bytes = bytes;
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context)
        throws IOException, InterruptedException {
      this.context = context;
      in.initialize(split, context);
    }

    @Override
    public boolean nextKeyValue() throws IOException, InterruptedException {
      if (++sinceCount == 4096) {
        sinceCount = 0;
        countUpTo((long) (in.getProgress() * length));
      }
      try {
        return in.nextKeyValue();
      } catch (IOException e) { // name the file: a codec's "Unexpected end of input stream" won't
        String file = context == null ? null
            : context.getConfiguration().get(MRJobConfig.MAP_INPUT_FILE);
        throw file == null ? e : BadInputException.reading(file, e);
      }
    }

    private void countUpTo(long position) {
      long upTo = Math.min(length, position);
      if (upTo > counted) {
        bytes.increment(upTo - counted);
        counted = upTo;
      }
    }

    @Override
    public LongWritable getCurrentKey() throws IOException, InterruptedException {
      return in.getCurrentKey();
    }

    @Override
    public Text getCurrentValue() throws IOException, InterruptedException {
      return in.getCurrentValue();
    }

    @Override
    public float getProgress() throws IOException, InterruptedException {
      return in.getProgress();
    }

    @Override
    public void close() throws IOException {
      in.close();
      countUpTo(length);
    }
  }

  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    Configuration conf = job.getConfiguration();
    Path[] inputs = getInputPaths(job);
    for (Path p : inputs) {
      if (!"file".equals(p.getFileSystem(conf).getUri().getScheme())) {
        return super.listStatus(job);
      }
    }
    boolean recursive = getInputDirRecursive(job);
    PathFilter userFilter = getInputPathFilter(job);
    List<FileStatus> result = new ArrayList<>();
    List<IOException> errors = new ArrayList<>();
    for (Path p : inputs) {
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(p, path -> visible(path, userFilter));
      if (matches == null) {
        errors.add(new IOException("Input path does not exist: " + p));
      } else if (matches.length == 0) {
        errors.add(new IOException("Input Pattern " + p + " matches 0 files"));
      } else {
        for (FileStatus m : matches) {
          java.nio.file.Path local = Paths.get(fs.makeQualified(m.getPath()).toUri());
          if (Files.isDirectory(local)) {
            addDir(fs, local, recursive, userFilter, result);
          } else {
            result.add(status(fs, local));
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return result;
  }

  private static void addDir(
      FileSystem fs, java.nio.file.Path dir, boolean recursive, PathFilter filter, List<FileStatus> out)
      throws IOException {
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
      if (Files.isDirectory(c)) {
        if (recursive) {
          addDir(fs, c, true, filter, out);
        } else {
          out.add(status(fs, c)); // as FileInputFormat: the split phase then names the dir
        }
      } else {
        out.add(status(fs, c));
      }
    }
  }

  private static boolean visible(Path p, PathFilter userFilter) {
    return InputPacking.VISIBLE.accept(p) && (userFilter == null || userFilter.accept(p));
  }

  private static FileStatus status(FileSystem fs, java.nio.file.Path file) throws IOException {
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
    return new FileStatus(
        basic.size(),
        basic.isDirectory(),
        1,
        fs.getDefaultBlockSize(path),
        basic.lastModifiedTime().toMillis(),
        basic.lastAccessTime().toMillis(),
        perm,
        owner,
        group,
        path);
  }
}
