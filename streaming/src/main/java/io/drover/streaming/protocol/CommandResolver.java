package io.drover.streaming.protocol;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the program of a streaming command as Hadoop Streaming does in a task: an absolute path is
 * used as is; a relative one is looked up first in the task's working directory (where shipped
 * files land, and where it is made executable) and then along PATH; the first readable regular
 * file wins. A program found nowhere is left as written, so starting it fails with "not found".
 */
public final class CommandResolver {
  private CommandResolver() {}

  /** Returns {@code argv} with its program made absolute where it was found. */
  public static List<String> resolve(List<String> argv, File workDir, String pathEnv) {
    if (argv.isEmpty()) {
      return argv;
    }
    List<String> out = new ArrayList<>(argv);
    String prog = argv.get(0);
    if (new File(prog).isAbsolute()) {
      return out;
    }
    File local = new File(workDir, prog);
    if (local.isFile()) {
      // Shipped scripts lose their execute bit on the way; Hadoop Streaming sets it again.
      if (!local.canExecute()) {
        local.setExecutable(true, false);
      }
      out.set(0, local.getAbsolutePath());
      return out;
    }
    File onPath = findOnPath(prog, pathEnv);
    if (onPath != null) {
      out.set(0, onPath.getAbsolutePath());
    }
    return out;
  }

  /** The first readable regular file named {@code prog} in a PATH entry, or null. */
  public static File findOnPath(String prog, String pathEnv) {
    if (pathEnv == null) {
      return null;
    }
    for (String dir : pathEnv.split(File.pathSeparator, -1)) {
      File f = new File(dir.isEmpty() ? "." : dir.trim(), prog);
      if (f.isFile() && f.canRead()) {
        return f;
      }
    }
    return null;
  }
}
