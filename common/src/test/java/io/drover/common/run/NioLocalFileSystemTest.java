package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;

class NioLocalFileSystemTest {
  @Test
  void setsThePermissionsChmodWouldSet() throws Exception {
    java.nio.file.Path dir = TestDirs.fresh("niofs");
    java.nio.file.Path f = Files.createFile(dir.resolve("f"));
    try (NioLocalFileSystem fs = new NioLocalFileSystem()) {
      fs.initialize(java.net.URI.create("file:///"), new Configuration());
      for (String mode : new String[] {"700", "644", "751", "000", "777"}) {
        fs.setPermission(new Path(f.toUri()), new FsPermission(mode));
        FsPermission expected = new FsPermission(mode);
        assertEquals(
            expected.toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(expected, fs.getFileStatus(new Path(f.toUri())).getPermission());
      }
    }
  }

  @Test
  void isChosenForLocalJobsOnlyWhenTheUserDidNotChoose() {
    Configuration local = new Configuration(false);
    local.set("mapreduce.framework.name", "local");
    NioLocalFileSystem.useForLocalJobs(local);
    assertEquals(NioLocalFileSystem.class.getName(), local.get("fs.file.impl"));
    Configuration user = new Configuration(false);
    user.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
    NioLocalFileSystem.useForLocalJobs(user);
    assertEquals("org.apache.hadoop.fs.LocalFileSystem", user.get("fs.file.impl"));
    Configuration yarn = new Configuration(false);
    yarn.set("mapreduce.framework.name", "yarn");
    NioLocalFileSystem.useForLocalJobs(yarn);
    assertEquals(null, yarn.get("fs.file.impl"));
  }

  @Test
  void hadoopsInputListingOnItStartsNoProcessPerFile() throws Exception {
    java.nio.file.Path dir = TestDirs.fresh("niofs-list");
    for (int i = 0; i < 200; i++) {
      Files.writeString(dir.resolve(String.format("part-%05d", i)), "x\n");
    }
    Configuration conf = new Configuration();
    conf.set(NioLocalFileSystem.IMPL_KEY, NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    org.apache.hadoop.mapreduce.Job job = org.apache.hadoop.mapreduce.Job.getInstance(conf);
    org.apache.hadoop.mapreduce.lib.input.FileInputFormat.setInputPaths(job, new Path(dir.toUri()));
    java.util.List<org.apache.hadoop.mapreduce.InputSplit> splits = new java.util.ArrayList<>();
    java.util.List<String> started = io.drover.common.testing.ProcessStarts.during(() -> {
      // what TextInputFormat, streaming and the gradient jobs list with: LocatedFileStatus,
      // which asks every file for its permissions
      splits.addAll(new org.apache.hadoop.mapreduce.lib.input.TextInputFormat().getSplits(job));
      Path f = new Path(dir.resolve("part-00007").toUri());
      org.apache.hadoop.fs.FileSystem fs = f.getFileSystem(conf);
      assertEquals(NioLocalFileSystem.class, fs.getClass());
      assertEquals(PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dir.resolve("part-00007"))),
          fs.getFileStatus(f).getPermission().toString());
      assertEquals(System.getProperty("user.name"), fs.listStatus(f)[0].getOwner());
    });
    assertEquals(java.util.List.of(), started);
    assertEquals(200, splits.size());
  }
}
