package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.junit.jupiter.api.Test;

class SharedJobJarTest {
  // SHA-256 test vectors (FIPS 180-2): "abc" and the empty message
  static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void aJarIsNamedByTheSha256OfItsBytes() throws Exception {
    java.nio.file.Path dir = TestDirs.fresh("sharedjar-digest");
    java.nio.file.Path abc = Files.writeString(dir.resolve("abc.jar"), "abc");
    java.nio.file.Path empty = Files.write(dir.resolve("empty.jar"), new byte[0]);
    assertEquals(ABC + ".jar", PublicResource.jarName(SharedJobJar.digest(abc)));
    assertEquals(EMPTY + ".jar", PublicResource.jarName(SharedJobJar.digest(empty)));
    // a file changed in place (size and time) is hashed again, not served from the JVM's memo
    Files.writeString(abc, "abcd");
    Files.setLastModifiedTime(abc, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    assertEquals(
        "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589.jar",
        PublicResource.jarName(SharedJobJar.digest(abc)));
    assertThrows(IllegalArgumentException.class, () -> PublicResource.jarName(new byte[31]));
  }

  @Test
  void publicMeansReadableFileAndSearchableDirsAllTheWayUp() {
    List<PublicResource.Ancestor> open =
        List.of(new PublicResource.Ancestor("/u/x/jars", 0755),
            new PublicResource.Ancestor("/u/x", 0711), new PublicResource.Ancestor("/", 0755));
    assertNull(PublicResource.notPublicBecause("/u/x/jars/a.jar", 0644, open));
    assertNull(PublicResource.notPublicBecause("/u/x/jars/a.jar", 0444, open));
    assertEquals("/u/x/jars/a.jar is not readable by others (mode 0640)",
        PublicResource.notPublicBecause("/u/x/jars/a.jar", 0640, open));
    assertEquals("/u/x is not searchable by others (mode 0750)",
        PublicResource.notPublicBecause("/u/x/jars/a.jar", 0644,
            List.of(new PublicResource.Ancestor("/u/x/jars", 0755),
                new PublicResource.Ancestor("/u/x", 0750),
                new PublicResource.Ancestor("/", 0700))));
    // readable but not searchable is not enough: YARN needs others' execute bit on every dir
    assertEquals("/ is not searchable by others (mode 0754)",
        PublicResource.notPublicBecause("/a.jar", 0644,
            List.of(new PublicResource.Ancestor("/", 0754))));
  }

  @Test
  void uploadsOnceWorldReadableAndReusesTheCopyThere() throws Exception {
    java.nio.file.Path dir = TestDirs.fresh("sharedjar-upload");
    java.nio.file.Path jar = jar(dir.resolve("job.jar"), "one");
    try (FileSystem fs = nioFs()) {
      Path shared = new Path(dir.resolve("home/.drover/jars").toUri());
      SharedJobJar.Shared first = SharedJobJar.share(fs, shared, jar);
      assertTrue(first.uploaded());
      assertEquals(new Path(shared, sha256(jar) + ".jar"), first.jar());
      java.nio.file.Path copy = java.nio.file.Path.of(first.jar().toUri());
      assertEquals(-1, Files.mismatch(jar, copy));
      assertEquals("rw-r--r--", mode(copy));
      assertEquals("rwxr-xr-x", mode(dir.resolve("home/.drover/jars")));
      assertEquals("rwxr-xr-x", mode(dir.resolve("home/.drover")));
      assertEquals(searchableAllTheWayUp(copy), first.isPublic(), String.valueOf(first));
      // no temporary file left beside it
      try (Stream<java.nio.file.Path> s = Files.list(copy.getParent())) {
        assertEquals(List.of(copy.getFileName().toString()),
            s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).toList());
      }

      long written = Files.getLastModifiedTime(copy).toMillis();
      Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(written - 5000));
      SharedJobJar.Shared again = SharedJobJar.share(fs, shared, jar);
      assertFalse(again.uploaded());
      assertEquals(first.jar(), again.jar());
      // not rewritten: YARN checks a resource's modification time against the one at submission
      assertEquals(written - 5000, Files.getLastModifiedTime(copy).toMillis());

      java.nio.file.Path other = jar(dir.resolve("job2.jar"), "two");
      SharedJobJar.Shared second = SharedJobJar.share(fs, shared, other);
      assertTrue(second.uploaded());
      assertEquals(new Path(shared, sha256(other) + ".jar"), second.jar());
      assertTrue(Files.exists(copy), "the other build's jar stays for the runs that use it");

      // a file of another length under the digest's name is not that jar: replaced
      Files.writeString(copy, "truncated");
      SharedJobJar.Shared repaired = SharedJobJar.share(fs, shared, jar);
      assertTrue(repaired.uploaded());
      assertEquals(-1, Files.mismatch(jar, copy));
    }
  }

  @Test
  void aDirOthersCannotSearchMakesItNotPublicAndSaysWhich() throws Exception {
    java.nio.file.Path dir = TestDirs.fresh("sharedjar-private");
    java.nio.file.Path jar = jar(dir.resolve("job.jar"), "private");
    java.nio.file.Path home = Files.createDirectory(dir.resolve("home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    try (FileSystem fs = nioFs()) {
      SharedJobJar.Shared s =
          SharedJobJar.share(fs, new Path(home.resolve(".drover/jars").toUri()), jar);
      assertFalse(s.isPublic());
      assertEquals("file:" + home + " is not searchable by others (mode 0700)",
          s.notPublicBecause());
    }
  }

  @Test
  void localModeAndLocalFileSystemsAreLeftAlone() throws Exception {
    java.nio.file.Path dir = TestDirs.fresh("sharedjar-local");
    String jar = jar(dir.resolve("job.jar"), "local").toString();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    for (String[] c : new String[][] {
        {"local", "hdfs://127.0.0.1:1", "true"}, // local runner: the jar is never read
        {"yarn", dir.toUri().toString(), "true"}, // a local default file system
        {"yarn", "hdfs://127.0.0.1:1", "false"}}) { // turned off
      Configuration conf = new Configuration(false);
      conf.set("mapreduce.framework.name", c[0]);
      conf.set("fs.defaultFS", c[1]);
      conf.set(SharedJobJar.SHARED, c[2]);
      conf.set(SharedJobJar.DIR, dir.resolve("shared").toString());
      Job job = Job.getInstance(conf);
      job.setJar(jar);
      SharedJobJar.apply(job, new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(jar, job.getJar(), String.join(" ", c));
      assertNull(job.getConfiguration().get(MRJobConfig.JOBJAR_VISIBILITY), String.join(" ", c));
    }
    assertFalse(Files.exists(dir.resolve("shared")));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aJarAlreadyOnAClusterFileSystemIsLeftWhereItIs() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("mapreduce.framework.name", "yarn");
    conf.set("fs.defaultFS", "hdfs://127.0.0.1:1");
    Job job = Job.getInstance(conf);
    job.setJar("hdfs://127.0.0.1:1/apps/x.jar");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SharedJobJar.apply(job, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals("hdfs://127.0.0.1:1/apps/x.jar", job.getJar());
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aRelativeDirIsUnderTheHomeDirAnAbsoluteOneAsItIs() throws Exception {
    try (FileSystem fs = nioFs()) {
      Configuration conf = new Configuration(false);
      assertEquals(new Path(fs.getHomeDirectory(), ".drover/jars"), SharedJobJar.dir(conf, fs));
      conf.set(SharedJobJar.DIR, "/apps/drover/jars");
      assertEquals(fs.makeQualified(new Path("/apps/drover/jars")), SharedJobJar.dir(conf, fs));
    }
  }

  static FileSystem nioFs() throws Exception {
    NioLocalFileSystem fs = new NioLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    return fs;
  }

  static java.nio.file.Path jar(java.nio.file.Path file, String content) throws Exception {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
      out.putNextEntry(new JarEntry("lib/x.txt"));
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return file;
  }

  /** The oracle: the JDK's digest over the whole file at once. */
  static String sha256(java.nio.file.Path file) throws Exception {
    return java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  static String mode(java.nio.file.Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** The oracle for YARN's rule, walked with java.nio: o+r on the file, o+x on every dir above. */
  static boolean searchableAllTheWayUp(java.nio.file.Path file) throws Exception {
    if (!Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
      return false;
    }
    for (java.nio.file.Path p = file.getParent(); p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }
}
