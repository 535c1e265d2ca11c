package io.drover.streaming.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.BuiltJar;
import io.drover.common.testing.MiniClusterExtension;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster path: the built drover-streaming jar, submitted through RunJar from a separate JVM
 * as {@code hadoop jar} does, ships examples/wordcount's Python scripts with {@code -files} and
 * runs them on MiniMRYarnCluster over input on MiniDFSCluster. The oracle is the same scripts
 * run locally: {@code cat | mapper.py | LC_ALL=C sort | reducer.py}.
 */
class StreamingClusterIT {
  @RegisterExtension static MiniClusterExtension cluster = new MiniClusterExtension();

  @Test
  void pythonWordCountShippedWithFilesOnYarn() throws Exception {
    Path books = TestData.path("text/gutenberg/Carroll_Lewis");
    FileSystem fs = cluster.fs();
    org.apache.hadoop.fs.Path in = new org.apache.hadoop.fs.Path("/data/carroll");
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(books.toUri()), in);

    Path scratch = TestDirs.fresh("streaming-cluster");
    Path confDir = cluster.writeConfDir(scratch.resolve("conf"));
    Path work = Files.createDirectories(scratch.resolve("cwd"));
    Path examples = Paths.get("examples", "wordcount").toAbsolutePath();
    Files.copy(examples.resolve("mapper.py"), work.resolve("mapper.py"));
    Files.copy(examples.resolve("reducer.py"), work.resolve("reducer.py"));

    int appsBefore = cluster.yarnApplications();
    BuiltJar.Result r = BuiltJar.runJar(BuiltJar.of("streaming"), confDir, scratch, work, "-files", "mapper.py,reducer.py",
        "-input", in.toString(), "-output", "/out/wc", "-mapper", "mapper.py",
        "-combiner", "reducer.py", "-reducer", "reducer.py", "-numReduceTasks", "2");
    assertEquals(0, r.code(), r.err());
    assertEquals(appsBefore + 1, cluster.yarnApplications(), "the job ran on YARN");
    assertFalse(r.err().contains("job_local"), r.err());

    // part files are sorted by key within each; the oracle is one sorted stream
    List<String> got = new ArrayList<>();
    FileStatus[] parts = fs.globStatus(new org.apache.hadoop.fs.Path("/out/wc/part-*"));
    assertEquals(2, parts.length);
    assertEquals("part-00000", parts[0].getPath().getName());
    for (FileStatus p : parts) {
      try (InputStream s = fs.open(p.getPath())) {
        new String(s.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
            .forEach(got::add);
      }
    }
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/out/wc/_SUCCESS")));
    got.sort((a, b) -> java.util.Arrays.compareUnsigned(key(a), key(b)));

    ProcessBuilder pb = new ProcessBuilder("bash", "-c",
        "set -o pipefail; cat \"$BOOKS\"/*.txt | python3 mapper.py | LC_ALL=C sort"
            + " | python3 reducer.py");
    pb.directory(work.toFile());
    pb.environment().put("BOOKS", books.toString());
    pb.environment().put("TMPDIR", scratch.toString());
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    byte[] expected = p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor());
    assertArrayEquals(expected,
        (String.join("\n", got) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static byte[] key(String line) {
    return line.substring(0, line.indexOf('\t')).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
