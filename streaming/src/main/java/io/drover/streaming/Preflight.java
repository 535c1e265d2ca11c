package io.drover.streaming;

import io.drover.common.cli.UsageException;
import io.drover.common.run.InputPacking;
import io.drover.streaming.conf.StreamingKeys;
import io.drover.streaming.protocol.CommandResolver;
import io.drover.streaming.protocol.CommandSplitter;
import io.drover.streaming.protocol.ProgramHead;
import io.drover.streaming.task.TaskSupport;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.mapred.JobConf;

/**
 * Checks a streaming command on the client before any job starts: the program exists (shipped,
 * in the working directory, or on PATH), is executable or will be made so, its {@code #!} line
 * has no CR and names an interpreter that exists, and script arguments are shipped. On a cluster
 * the nodes' files are not visible here, so what only the nodes can answer is a warning.
 */
public final class Preflight {
  /** One finding; fatal ones stop the job with exit code 2. */
  public record Problem(boolean fatal, String message) {}

  private static final Set<String> SCRIPT_SUFFIXES =
      Set.of(".py", ".pl", ".sh", ".rb", ".r", ".R", ".awk", ".php", ".js", ".lua", ".bash");

  private Preflight() {}

  /**
   * Checks every command of {@code job} (mapper, combiner, reducer) as its tasks will run it:
   * warnings go to {@code err}, and the fatal problems of all commands become one UsageException,
   * a line each, the later ones prefixed with {@code program}.
   */
  public static void checkCommands(JobConf job, String program, PrintStream err)
      throws UsageException {
    boolean local = InputPacking.isLocal(job);
    Map<String, File> shipped = Shipping.shippedFiles(job);
    File cwd = new File(".").getAbsoluteFile();
    List<String> fatal = new ArrayList<>();
    String[][] steps = {
      {"-mapper", StreamingKeys.MAP_COMMAND},
      {"-combiner", StreamingKeys.COMBINE_COMMAND},
      {"-reducer", StreamingKeys.REDUCE_COMMAND}
    };
    for (String[] s : steps) {
      String cmd = TaskSupport.command(job, s[1]);
      if (cmd == null) {
        continue;
      }
      for (Problem p : check(s[0], cmd, shipped, cwd, System.getenv("PATH"), local)) {
        if (p.fatal()) {
          fatal.add(p.message());
        } else {
          err.println(program + ": WARNING: " + p.message());
        }
      }
    }
    if (!fatal.isEmpty()) {
      throw new UsageException(String.join("\n" + program + ": ", fatal)
          + "\n(nothing was submitted; -D " + StreamingKeys.PREFLIGHT
          + "=false skips these checks)");
    }
  }

  /**
   * @param shipped file name in the task's working dir to the local file it comes from (null
   *     when it is not local, e.g. on HDFS)
   * @param local true when tasks run on this machine in {@code workDir} (LocalJobRunner)
   */
  public static List<Problem> check(String flag, String command, Map<String, File> shipped,
      File workDir, String pathEnv, boolean local) {
    List<Problem> out = new ArrayList<>();
    List<String> argv = CommandSplitter.split(command);
    if (argv.isEmpty()) {
      out.add(new Problem(true, flag + ": the command '" + command + "' is empty"));
      return out;
    }
    String prog = argv.get(0);
    String what = flag + " '" + command + "'";
    File file = null;
    boolean willChmod = false;
    if (new File(prog).isAbsolute()) {
      File f = new File(prog);
      if (!f.isFile()) {
        out.add(new Problem(local, what + ": program " + prog + " does not exist"
            + (local ? "" : " here (it must exist on every node)")));
      } else {
        file = f;
      }
    } else if (shipped.containsKey(prog)) {
      file = shipped.get(prog);
      willChmod = true;
    } else if (local && new File(workDir, prog).isFile()) {
      file = new File(workDir, prog);
      willChmod = true;
    } else {
      File f = CommandResolver.findOnPath(prog, pathEnv);
      if (f == null) {
        String hint = prog.contains(".") && !prog.contains("/")
            ? " (a Java class? it is not on the classpath: add its jar with -libjars; a script?"
                + " ship it with -files)"
            : " (ship it with -files, or install it on every node)";
        out.add(new Problem(local, what + ": command '" + prog + "' not found in the working"
            + " directory, the shipped files or PATH" + hint));
      } else {
        file = f;
      }
    }
    if (file != null) {
      checkFile(what, file, willChmod, pathEnv, local, out);
    }
    for (String arg : argv.subList(1, argv.size())) {
      int dot = arg.lastIndexOf('.');
      if (dot <= 0 || !SCRIPT_SUFFIXES.contains(arg.substring(dot)) || arg.startsWith("-")) {
        continue;
      }
      if (new File(arg).isAbsolute()) {
        if (local && !new File(arg).isFile()) {
          out.add(new Problem(true, what + ": script " + arg + " does not exist"));
        }
      } else if (!shipped.containsKey(arg) && !(local && new File(workDir, arg).isFile())) {
        out.add(new Problem(true, what + ": script '" + arg + "' is not shipped to the tasks"
            + " (add -files " + arg + ")" + (local ? " nor found in " + workDir : "")));
      }
    }
    return out;
  }

  private static void checkFile(String what, File f, boolean willChmod, String pathEnv,
      boolean local, List<Problem> out) {
    if (f.isDirectory()) {
      out.add(new Problem(true, what + ": " + f + " is a directory, not a program"));
      return;
    }
    if (!willChmod && !f.canExecute()) {
      out.add(new Problem(local, what + ": " + f + " is not executable (exit status 126 in the"
          + " task): chmod +x it, or run it through its interpreter"));
    }
    ProgramHead head;
    try {
      head = ProgramHead.read(f);
    } catch (IOException e) {
      out.add(new Problem(true, what + ": cannot read " + f + ": " + e.getMessage()));
      return;
    }
    if (head.kind() == ProgramHead.Kind.ELF) {
      return;
    }
    if (head.kind() == ProgramHead.Kind.PLAIN) {
      out.add(new Problem(false, what + ": " + f + " has no #! line, so /bin/sh will run it"));
      return;
    }
    String line = head.shebang();
    if (line.indexOf('\r') >= 0) {
      out.add(new Problem(true, what + ": the #! line of " + f + " ends with a carriage return"
          + " (Windows line ends), so the kernel looks for an interpreter named '"
          + line.trim() + "\\r' and fails with 'not found': convert the file with dos2unix"));
      return;
    }
    String[] words = line.trim().split("[ \t]+");
    if (words.length == 0 || words[0].isEmpty()) {
      out.add(new Problem(true, what + ": the #! line of " + f + " names no interpreter"));
      return;
    }
    String interp = words[0];
    if (interp.endsWith("/env")) {
      String name = null;
      for (int i = 1; i < words.length; i++) {
        if (!words[i].startsWith("-") && !words[i].contains("=")) {
          name = words[i];
          break;
        }
      }
      if (name != null && CommandResolver.findOnPath(name, pathEnv) == null) {
        out.add(new Problem(local, what + ": the interpreter '" + name + "' of " + f
            + " (#!" + line.trim() + ") is not on PATH" + (local ? "" : " here")));
      }
    } else if (!new File(interp).canExecute()) {
      out.add(new Problem(local, what + ": the interpreter " + interp + " of " + f
          + " does not exist or is not executable" + (local ? "" : " here")));
    }
  }
}
