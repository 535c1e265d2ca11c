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
}
