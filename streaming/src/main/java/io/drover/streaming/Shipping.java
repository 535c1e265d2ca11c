package io.drover.streaming;

import io.drover.common.cli.UsageException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files shipped to the tasks' working dirs: Hadoop Streaming's deprecated {@code -file}, which
 * ships like the generic {@code -files} (both end up in the {@code tmpfiles} property that
 * ToolRunner's generic options parser fills), and the name each file has in the working dir.
 */
final class Shipping {
  private static final String TMPFILES = "tmpfiles";

  private Shipping() {}

  /**
   * Ships -file paths as -files does, and returns them by canonical path. Hadoop Streaming then
   * runs a command whose program is one of them by its bare name ({@link #unqualify}).
   *
   * @throws UsageException naming -file and the path when a file is missing or unreadable
   */
  static Map<String, File> shipFiles(Configuration conf, List<String> files)
      throws IOException, UsageException {
    Map<String, File> byCanonical = new LinkedHashMap<>();
    if (files.isEmpty()) {
      return byCanonical;
    }
    FileSystem local = FileSystem.getLocal(conf);
    List<String> qualified = new ArrayList<>();
    for (String f : files) {
      File file = new File(f);
      if (!file.exists()) {
        throw new UsageException("option -file: no such local file: " + file.getAbsolutePath());
      }
      if (!file.canRead()) {
        throw new UsageException("option -file: cannot read " + file.getAbsolutePath());
      }
      qualified.add(local.makeQualified(new Path(file.getAbsolutePath())).toString());
      byCanonical.put(file.getCanonicalPath(), file);
    }
    String tmp = conf.get(TMPFILES, "");
    conf.set(TMPFILES, (tmp.isEmpty() ? "" : tmp + ",") + String.join(",", qualified));
    return byCanonical;
  }

  /**
   * As Hadoop Streaming: a command whose program is a -file (given by {@link #shipFiles}, keyed
   * by canonical path) runs by its bare name; any other command is returned unchanged.
   */
  static String unqualify(String cmd, Map<String, File> shippedByCanonical) throws IOException {
    if (shippedByCanonical.isEmpty()) {
      return cmd;
    }
    int sp = cmd.indexOf(' ');
    String prog = sp < 0 ? cmd : cmd.substring(0, sp);
    String canon;
    try {
      canon = new File(prog).getCanonicalPath();
    } catch (IOException e) {
      return cmd;
    }
    if (!shippedByCanonical.containsKey(canon)) {
      return cmd;
    }
    return new File(prog).getName() + (sp < 0 ? "" : cmd.substring(sp));
  }

  /**
   * Files reaching the task's working dir (-files and -file entries) by their link name, each with
   * the local file it comes from, or null when it is not on the local file system.
   */
  static Map<String, File> shippedFiles(Configuration conf) {
    Map<String, File> out = new LinkedHashMap<>();
    for (String entry : conf.getTrimmedStringCollection(TMPFILES)) {
      URI uri;
      try {
        uri = new URI(entry);
      } catch (URISyntaxException e) {
        continue;
      }
      String name = uri.getFragment() != null ? uri.getFragment()
          : new Path(uri.getPath()).getName();
      File local = null;
      if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
        local = new File(uri.getPath());
      }
      out.put(name, local);
    }
    return out;
  }
}
