package io.drover.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jar {@code mvn package} built in the module under test, and a separate JVM that runs it
 * through RunJar as {@code hadoop jar} does: the one runner of the ITs of every module.
 */
public final class BuiltJar {
  private BuiltJar() {}

  /** What a separate process printed and how it ended. */
  public record Result(int code, String out, String err) {}

  /** The module's {@code target/drover-<module>-<version>.jar} (not the original or tests jar). */
  public static Path of(String module) throws IOException {
    String pattern = "drover-" + module + "-[^-]+(-SNAPSHOT)?\\.jar";
    try (var s = Files.list(Paths.get("target"))) {
      return s.filter(p -> p.getFileName().toString().matches(pattern))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(
              "run `mvn package` first: no drover-" + module + " jar in target/"))
          .toAbsolutePath();
    }
  }

  /** What {@code hadoop classpath} prints on an install, written by the common module's build. */
  public static String hadoopClasspath() throws IOException {
    return Files.readString(Paths.get("../common/target/hadoop-classpath.txt")).trim();
  }

  /**
   * {@code java -cp CONF:logging:hadoop-classpath org.apache.hadoop.util.RunJar JAR args} in
   * {@code cwd} (null: this one): the jar's own classes reach the client only through the jar.
   */
  public static Result runJar(Path jar, Path confDir, Path scratch, Path cwd, String... args)
      throws Exception {
    return exec(command(jar, confDir, scratch, args), cwd);
  }

  /**
   * {@link #runJar} without waiting: the running client, its stdout and stderr going to {@code
   * log}, for a test that kills it.
   */
  public static Process startJar(Path jar, Path confDir, Path scratch, Path log, String... args)
      throws Exception {
    return new ProcessBuilder(command(jar, confDir, scratch, args))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static List<String> command(Path jar, Path confDir, Path scratch, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-Djava.io.tmpdir=" + Files.createDirectories(scratch.resolve("tmp")));
    cmd.add("-Ddrover.scratch.dir=" + scratch);
    cmd.add("-Ddrover.local.slots=2");
    cmd.add("-cp");
    cmd.add(confDir + ":" + LocalConf.dir().resolveSibling("logging") + ":" + hadoopClasspath());
    cmd.add("org.apache.hadoop.util.RunJar");
    cmd.add(jar.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs {@code cmd} in {@code dir} (null: this one), bounded to 10 minutes. */
  public static Result exec(List<String> cmd, Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Path out = Files.createTempFile("run", ".out");
    Path err = Files.createTempFile("run", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + cmd);
    }
    Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }
}
