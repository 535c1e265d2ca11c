package io.drover.common.testing;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The local file system, except that the first rename onto the path in {@link #FAIL_RENAME_TO}
 * (per instance) returns false, as a rename refused by HDFS or a full disk does, and so does every
 * rename from under {@link #FAIL_RENAME_FROM}. Installed with {@link #install}, so a test can make
 * an output commit fail after the job itself succeeded.
 */
public class FailingRenameFileSystem extends LocalFileSystem {
  /** A qualified path (e.g. {@code file:/.../out}): the first rename onto it fails. */
  public static final String FAIL_RENAME_TO = "drover.test.fail-rename-to";
  /** A path prefix: every rename from under it fails (e.g. to stop a restore too). */
  public static final String FAIL_RENAME_FROM = "drover.test.fail-rename-from";

  private String failTo;
  private boolean failedOnce;
  private String failFrom;

  /** Routes {@code file://} through this class, failing renames onto {@code target}. */
  public static Configuration install(Configuration conf, Path target) {
    conf.setClass("fs.file.impl", FailingRenameFileSystem.class, org.apache.hadoop.fs.FileSystem.class);
    conf.setBoolean("fs.file.impl.disable.cache", true);
    conf.set(FAIL_RENAME_TO, target.toString());
    return conf;
  }

  @Override
  public void initialize(java.net.URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    failTo = conf.get(FAIL_RENAME_TO) == null ? null : plain(new Path(conf.get(FAIL_RENAME_TO)));
    failFrom = conf.get(FAIL_RENAME_FROM);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    String to = plain(dst);
    String from = plain(src);
    if ((to.equals(failTo) && !failedOnce) || (failFrom != null && from.startsWith(failFrom))) {
      failedOnce |= to.equals(failTo);
      return false;
    }
    return super.rename(src, dst);
  }

  /** Qualified, without the trailing slash that URIs of existing dirs carry. */
  private String plain(Path p) {
    String s = makeQualified(p).toString();
    return s.endsWith("/") && s.length() > "file:/".length() ? s.substring(0, s.length() - 1) : s;
  }
}
