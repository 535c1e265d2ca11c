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
    // several splits per slot (streaming's): the same rule over slots x splits
    assertEquals(5_000_001L, InputPacking.defaultSplitBytes(conf, both, 2));
    assertEquals(4L << 20, InputPacking.defaultSplitBytes(conf, both, 3), "3,333,334 < 4 MiB");
    assertEquals(5_000_001L, InputPacking.splitBytes(conf, both, 2));
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

  /** A stock local file system (fs.file.impl unset), not the cached one other tests made. */
  static Configuration stockLocal() {
    Configuration conf = LocalConf.create();
    conf.unset("fs.file.impl");
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  @Test
  void listingTwoHundredLocalFilesStartsNoProcessEvenOnTheStockFileSystem() throws Exception {
    Path d = TestDirs.fresh("listing");
    for (int i = 0; i < 200; i++) {
      file(d.resolve(i % 2 == 0 ? "even" : "odd/deeper"), String.format("f%03d.csv", i), 3);
    }
    file(d, "_SUCCESS", 0);
    file(d.resolve(".hidden"), "x.csv", 3);
    Configuration conf = stockLocal();
    org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.get(d.toUri(), conf);
    assertEquals(org.apache.hadoop.fs.LocalFileSystem.class, fs.getClass());
    List<org.apache.hadoop.fs.FileStatus> files = new java.util.ArrayList<>();
    List<String> started = io.drover.common.testing.ProcessStarts.during(() -> {
      files.addAll(InputPacking.listFiles(conf, List.of(hp(d))));
      for (org.apache.hadoop.fs.FileStatus st : files) {
        st.getPermission(); // a lazily loaded permission would fork here
        st.getOwner();
      }
    });
    assertEquals(List.of(), started);
    assertEquals(200, files.size());
    assertEquals(hp(d.resolve("even/f000.csv")), files.get(0).getPath());
    assertEquals(hp(d.resolve("odd/deeper/f199.csv")), files.get(199).getPath());
    assertEquals(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(d.resolve("even/f000.csv"))),
        files.get(0).getPermission().toString());
  }

  @Test
  void hadoopsOwnListingForksPerFileWithoutTheNativeLibrary() throws Exception {
    // the control: the recorder sees the forks the listing above avoids
    org.junit.jupiter.api.Assumptions.assumeFalse(
        org.apache.hadoop.util.NativeCodeLoader.isNativeCodeLoaded());
    Path d = TestDirs.fresh("listing-forks");
    for (int i = 0; i < 5; i++) {
      file(d, "f" + i, 1);
    }
    Configuration conf = stockLocal();
    List<String> started = io.drover.common.testing.ProcessStarts.during(() -> {
      var it = org.apache.hadoop.fs.FileSystem.get(d.toUri(), conf).listFiles(hp(d), true);
      while (it.hasNext()) {
        it.next();
      }
    });
    assertEquals(5, started.stream().filter(c -> c.startsWith("ls -ld ")).count(), "" + started);
  }

  @Test
  void aPlainLocalPathMatchesWhatHadoopsGlobberReturns() throws Exception {
    // the oracle: Hadoop's own globStatus with the same filter, on every kind of plain path
    Path d = TestDirs.fresh("plain-paths");
    file(d.resolve("dir/sub"), "a.txt", 3);
    file(d, "b.txt", 5);
    file(d, "_SUCCESS", 0);
    file(d, ".hidden", 1);
    file(d, "with space.txt", 2);
    file(d, "comma,name.txt", 2);
    Files.createSymbolicLink(d.resolve("link.txt"), d.resolve("b.txt"));
    Files.createSymbolicLink(d.resolve("broken.txt"), d.resolve("nothing"));
    Configuration conf = LocalConf.create();
    org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.get(d.toUri(), conf);
    org.apache.hadoop.fs.PathFilter notB = p -> !p.getName().equals("b.txt");
    List<String> names = List.of("b.txt", "dir", "dir/sub", "dir/sub/a.txt", "missing",
        "dir/missing.txt", "_SUCCESS", ".hidden", "with space.txt", "comma,name.txt", "link.txt",
        "broken.txt", "b.txt/under-a-file");
    int plain = 0;
    for (String n : names) {
      for (org.apache.hadoop.fs.PathFilter f : java.util.Arrays.asList(null, notB)) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(d.toString(), n);
        assertTrue(InputPacking.plain(p), n);
        plain++;
        org.apache.hadoop.fs.FileStatus[] want =
            fs.globStatus(p, x -> InputPacking.VISIBLE.accept(x) && (f == null || f.accept(x)));
        org.apache.hadoop.fs.FileStatus[] got = InputPacking.matches(fs, p, f);
        String what = n + (f == null ? "" : " (filter)");
        // the globber returns null, not an empty array, for a plain path it filters out
        assertEquals(want == null, got == null, what);
        if (want != null) {
          assertEquals(1, want.length, what);
          assertEquals(1, got.length, what);
          assertEquals(want[0].getPath(), got[0].getPath(), what);
          assertEquals(want[0].isDirectory(), got[0].isDirectory(), what);
          assertEquals(want[0].getLen(), got[0].getLen(), what);
          assertEquals(want[0].getModificationTime(), got[0].getModificationTime(), what);
        }
      }
    }
    assertEquals(26, plain);
    for (String glob : List.of("*.txt", "dir/?ub", "[ab].txt", "{b,c}.txt", "b\\.txt")) {
      assertFalse(InputPacking.plain(new org.apache.hadoop.fs.Path(d.toString(), glob)), glob);
    }
  }
}
