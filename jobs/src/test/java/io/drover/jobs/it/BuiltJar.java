package io.drover.jobs.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The jar `mvn package` built, and a separate JVM that runs it through RunJar as `hadoop jar` does. */
final class BuiltJar {
  private BuiltJar() {}

  static Path jobsJar() throws IOException {
    try (var s = Files.list(Paths.get("target"))) {
      return s.filter(p -> p.getFileName().toString().matches("drover-jobs-[^-]+(-SNAPSHOT)?\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("run `mvn package` first: no drover-jobs jar in target/"))
          .toAbsolutePath();
    }
  }

  /** What `hadoop classpath` prints on an install, written by the build. */
  static String hadoopClasspath() throws IOException {
    return Files.readString(Paths.get("target/hadoop-classpath.txt")).trim();
  }

  record Result(int code, String out, String err) {}

  /**
   * {@code java -cp CONF:hadoop-classpath org.apache.hadoop.util.RunJar JAR args}: the jar's own
   * classes reach the client only through the jar.
   */
  static Result runJar(Path confDir, Path scratch, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-Djava.io.tmpdir=" + Files.createDirectories(scratch.resolve("tmp")));
    cmd.add("-Ddrover.scratch.dir=" + scratch);
    cmd.add("-Ddrover.local.slots=2");
    cmd.add("-cp");
    cmd.add(confDir + ":" + Paths.get("../conf/logging").toAbsolutePath().normalize() + ":" + hadoopClasspath());
    cmd.add("org.apache.hadoop.util.RunJar");
    cmd.add(jobsJar().toString());
    cmd.addAll(List.of(args));
    return exec(cmd, null);
  }

  static Result exec(List<String> cmd, Path dir) throws Exception {
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
