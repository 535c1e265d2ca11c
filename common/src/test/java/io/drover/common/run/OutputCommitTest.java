package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.cli.UsageException;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutputCommitTest {
  Configuration conf = LocalConf.create();
  Path dir;
  org.apache.hadoop.fs.Path in;

  @BeforeEach
  void setUp() throws Exception {
    dir = TestDirs.fresh("commit");
    Files.writeString(dir.resolve("input.txt"), "x");
    in = new org.apache.hadoop.fs.Path(dir.resolve("input.txt").toUri());
  }

  org.apache.hadoop.fs.Path out(String name) {
    return new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
  }

  static void write(FileSystem fs, org.apache.hadoop.fs.Path p, String text) throws Exception {
    try (FSDataOutputStream o = fs.create(p)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void commitMovesTheStagedResultIntoPlaceAndLeavesNothingElse() throws Exception {
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), false, List.of(in))) {
      FileSystem fs = c.staging().getFileSystem(conf);
      write(fs, new org.apache.hadoop.fs.Path(c.staging(), "part-r-00000"), "a\t1\n");
      write(fs, new org.apache.hadoop.fs.Path(c.temp("counts"), "part"), "tmp");
      c.commit();
    }
    assertEquals("a\t1\n", Files.readString(dir.resolve("out/part-r-00000")));
    try (var s = Files.list(dir)) {
      assertEquals(List.of("input.txt", "out"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void withoutCommitNothingIsLeftBehind() throws Exception {
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), false, List.of(in))) {
      write(c.staging().getFileSystem(conf), new org.apache.hadoop.fs.Path(c.staging(), "part"), "half");
    }
    try (var s = Files.list(dir)) {
      assertEquals(List.of("input.txt"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void anExistingOutputIsRefusedUnlessOverwriteAndSurvivesAFailedRun() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/old"), "keep");
    UsageException e =
        assertThrows(UsageException.class, () -> OutputCommit.prepare(conf, out("out"), false, List.of(in)));
    assertTrue(e.getMessage().contains("already exists; pass --overwrite"), e.getMessage());
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), true, List.of(in))) {
      write(c.staging().getFileSystem(conf), new org.apache.hadoop.fs.Path(c.staging(), "part"), "new");
      // no commit: the run failed
    }
    assertEquals("keep", Files.readString(dir.resolve("out/old")));
    try (OutputCommit c = OutputCommit.prepare(conf, out("out"), true, List.of(in))) {
      write(c.staging().getFileSystem(conf), new org.apache.hadoop.fs.Path(c.staging(), "part"), "new");
      c.commit();
    }
    assertFalse(Files.exists(dir.resolve("out/old")));
    assertEquals("new", Files.readString(dir.resolve("out/part")));
  }

  @Test
  void anOutputThatIsOrContainsAnInputIsRefusedEvenWithOverwrite() {
    UsageException same =
        assertThrows(UsageException.class, () -> OutputCommit.prepare(conf, in, true, List.of(in)));
    assertTrue(same.getMessage().contains("is or contains the input"), same.getMessage());
    org.apache.hadoop.fs.Path parent = new org.apache.hadoop.fs.Path(dir.toUri());
    assertThrows(UsageException.class, () -> OutputCommit.prepare(conf, parent, true, List.of(in)));
    assertTrue(Files.exists(dir.resolve("input.txt")));
  }

  @Test
  void anOutputThatIsAFileIsRefused() {
    UsageException e =
        assertThrows(UsageException.class, () -> OutputCommit.prepare(conf, in, true, List.of()));
    assertTrue(e.getMessage().contains("is a file"), e.getMessage());
  }
}
