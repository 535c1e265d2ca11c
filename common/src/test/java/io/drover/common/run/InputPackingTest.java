package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class InputPackingTest {
  static org.apache.hadoop.fs.Path hp(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  static Path file(Path dir, String name, int bytes) throws Exception {
    Files.createDirectories(dir);
    return Files.write(dir.resolve(name), new byte[bytes]);
  }

  @Test
  void localSplitsShareTheInputOutAmongTheMapSlotsButAreNeverBelowFourMiB() throws Exception {
    Path d = TestDirs.fresh("packing");
    file(d.resolve("a"), "one", 6_000_000);
    file(d.resolve("a/sub"), "two", 3_000_001);
    file(d.resolve("b"), "three", 1_000_000);
    Configuration conf = LocalConf.create();
    conf.setInt("mapreduce.local.map.tasks.maximum", 2);
    List<org.apache.hadoop.fs.Path> both = List.of(hp(d.resolve("a")), hp(d.resolve("b")));
    // 10,000,001 bytes over 2 slots, rounded up
    assertEquals(5_000_001L, InputPacking.defaultSplitBytes(conf, both));
    conf.setInt("mapreduce.local.map.tasks.maximum", 3);
    assertEquals(4L << 20, InputPacking.defaultSplitBytes(conf, both), "3,333,334 < 4 MiB");
    assertEquals(4L << 20, InputPacking.defaultSplitBytes(conf, List.of(hp(d.resolve("b")))));
    conf.setInt("mapreduce.local.map.tasks.maximum", 1);
    assertEquals(10_000_001L, InputPacking.defaultSplitBytes(conf, both));
  }

  @Test
  void onAClusterASplitIsOneBlock() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("mapreduce.framework.name", "yarn");
    assertEquals(128L << 20, InputPacking.defaultSplitBytes(conf, List.of()));
  }

  @Test
  void aSetSplitSizeWinsOverTheDefaultAndUnsetOrLocalFrameworkIsLocal() throws Exception {
    Configuration conf = new Configuration(false);
    assertTrue(InputPacking.isLocal(conf), "unset framework: LocalJobRunner");
    conf.set("mapreduce.framework.name", "yarn");
    assertFalse(InputPacking.isLocal(conf));
    assertEquals(128L << 20, InputPacking.splitBytes(conf, List.of()));
    conf.setLong(InputPacking.SPLIT_MAX_BYTES, 12345);
    assertEquals(12345L, InputPacking.splitBytes(conf, List.of()));
    conf.setLong(InputPacking.SPLIT_MAX_BYTES, 0);
    assertEquals(128L << 20, InputPacking.splitBytes(conf, List.of()), "0 means unset");
    conf.set("mapreduce.framework.name", "local");
    assertTrue(InputPacking.isLocal(conf));
  }

  @Test
  void namesStartingWithUnderscoreOrDotAreNotInput() {
    assertFalse(InputPacking.VISIBLE.accept(new org.apache.hadoop.fs.Path("/d/_SUCCESS")));
    assertFalse(InputPacking.VISIBLE.accept(new org.apache.hadoop.fs.Path("/d/.part-0.crc")));
    assertTrue(InputPacking.VISIBLE.accept(new org.apache.hadoop.fs.Path("/d/part-00000")));
    assertTrue(InputPacking.VISIBLE.accept(new org.apache.hadoop.fs.Path("/d/a_b.txt")));
  }
}
