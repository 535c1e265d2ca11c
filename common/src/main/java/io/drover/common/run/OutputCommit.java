package io.drover.common.run;

import io.drover.common.cli.UsageException;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * All-or-nothing output for a chain of jobs. Jobs write under a hidden work dir beside the output
 * ({@code .NAME.drover-UUID}, skipped by Hadoop's input listing); {@link #commit()} moves the
 * finished result into place by rename; {@link #close()} removes the work dir whatever happened.
 *
 * <p>So a failed or killed job never leaves a half-written output, and with overwrite the old
 * output survives until the new one is complete. Nothing outside the output and the work dir is
 * ever deleted, and an output that is, or contains, one of the inputs is refused.
 */
public final class OutputCommit implements Closeable {
  private final FileSystem fs;
  private final Path output;
  private final boolean overwrite;
  private final Path work;

  private OutputCommit(FileSystem fs, Path output, boolean overwrite, Path work) {
    this.fs = fs;
    this.output = output;
    this.overwrite = overwrite;
    this.work = work;
  }

  /**
   * Checks the output can be written and reserves a work dir for it.
   *
   * @throws UsageException when the output exists and {@code overwrite} is false, is a file, or
   *     is or contains an input
   */
  public static OutputCommit prepare(
      Configuration conf, Path output, boolean overwrite, List<Path> inputs)
      throws IOException, UsageException {
    FileSystem fs = output.getFileSystem(conf);
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
    if (fs.exists(out)) {
      FileStatus st = fs.getFileStatus(out);
      if (!st.isDirectory()) {
        throw new UsageException("output " + out + " exists and is a file, not a directory");
      }
      if (!overwrite) {
        throw new UsageException(
            "output directory " + out + " already exists; pass --overwrite to replace it");
      }
    }
    Path work = new Path(out.getParent(), "." + out.getName() + ".drover-" + UUID.randomUUID());
    return new OutputCommit(fs, out, overwrite, work);
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

  /** Moves the finished staging output into place, replacing the old output if allowed. */
  public void commit() throws IOException, JobFailedException {
    if (!fs.exists(staging())) {
      throw new JobFailedException("no output was produced under " + staging());
    }
    if (fs.exists(output)) {
      if (!overwrite) {
        throw new JobFailedException(
            "output directory " + output + " appeared while the job ran; result left unwritten");
      }
      if (!fs.delete(output, true)) {
        throw new IOException("could not delete the old output " + output);
      }
    }
    if (!fs.rename(staging(), output)) {
      throw new IOException("could not rename " + staging() + " to " + output);
    }
  }

  /** Removes the work dir and everything in it. */
  @Override
  public void close() throws IOException {
    if (fs.exists(work)) {
      fs.delete(work, true);
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
