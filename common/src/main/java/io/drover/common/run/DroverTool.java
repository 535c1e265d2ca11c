package io.drover.common.run;

import io.drover.common.cli.UsageException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * Base of every Drover program: a Hadoop {@link Tool}, so {@code -D}, {@code -conf},
 * {@code -files} and {@code -libjars} work through {@code ToolRunner}.
 *
 * <p>In local mode it sets {@code fs.file.impl} to {@link NioLocalFileSystem} unless the user set
 * it (one fork less per file a job writes).
 *
 * <p>Every run is recorded ({@link RunRecorder}): a program that commits an output through {@link
 * OutputCommit} gets its run manifest, {@code _drover/manifest.json}, beside the output, and the
 * client names it in one last line ({@link #manifestWritten}).
 *
 * <p>Exit codes: 0 success; 1 a job failed; 2 the command line or its paths are wrong (the
 * message names the flag or path, then a one-line hint points to {@code --help}). Never 0 on
 * failure.
 */
public abstract class DroverTool extends Configured implements Tool {
  public static final int OK = 0;
  public static final int JOB_FAILED = 1;
  public static final int USAGE = 2;

  private final String name;
  private final String usage;
  private PrintStream err = System.err;

  /**
   * @param name the program's name as the driver lists it
   * @param usage the usage text, flags and arguments, without the program name line
   */
  protected DroverTool(String name, String usage) {
    this.name = name;
    this.usage = usage;
  }

  /** A program's {@code main}: runs {@code tool} through ToolRunner and exits with its code. */
  protected static void launch(DroverTool tool, String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), tool, args));
  }

  /** The program's name as the driver lists it. */
  protected final String name() {
    return name;
  }

  /** The usage text, flags and arguments, without the program name line. */
  protected final String usage() {
    return usage;
  }

  /** Does the work; throws instead of returning a failure code. */
  protected abstract void execute(String[] args) throws Exception;

  /**
   * True when {@code arg}, wherever it stands, asks for the usage: {@code -h}, {@code --help},
   * {@code -help}. This is the one place help is handled; a program that accepts another spelling
   * (streaming's {@code -info}) adds it here, and its option parser never sees any of them.
   */
  protected boolean isHelpFlag(String arg) {
    return arg.equals("-h") || arg.equals("--help") || arg.equals("-help");
  }

  protected PrintStream err() {
    return err;
  }

  /** Where messages go (tests capture them). */
  public void setErr(PrintStream err) {
    this.err = err;
  }

  /**
   * Tells the user where the run manifest is, once the run succeeded: one line on {@link #err()}.
   * A program whose own last line names it overrides this.
   */
  protected void manifestWritten(String path) {
    err.println(name() + ": run manifest: " + path);
  }

  @Override
  public final int run(String[] args) throws Exception {
    for (String a : args) {
      if (isHelpFlag(a)) {
        System.out.println("Usage: " + name() + " " + usage());
        return OK;
      }
    }
    RunRecorder recorder = new RunRecorder(name(), ManifestWriter.version(getClass()),
        List.of(args), System.currentTimeMillis());
    if (getConf() != null) {
      // before the first file:// FileSystem is made (the cache keeps the first one): no forked
      // chmod per file in local jobs, whatever launches them (bin/drover or plain `hadoop jar`)
      NioLocalFileSystem.useForLocalJobs(getConf());
      ManifestWriter.attach(getConf(), recorder);
    }
    try {
      execute(args);
      recorder.written().ifPresent(this::manifestWritten);
      return OK;
    } catch (UsageException e) {
      err.println(name() + ": " + e.getMessage());
      err.println("Try '" + name() + " --help' for the options.");
      return USAGE;
    } catch (JobFailedException e) {
      err.println(name() + ": " + e.getMessage());
      return JOB_FAILED;
    } finally {
      if (getConf() != null) {
        ManifestWriter.detach(getConf());
      }
    }
  }
}
