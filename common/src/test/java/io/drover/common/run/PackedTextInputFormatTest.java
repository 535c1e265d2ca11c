package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.CombineTextInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The oracle is Hadoop's own listing (CombineTextInputFormat.listStatus). */
class PackedTextInputFormatTest {

  /** Exposes the protected listings of both formats. */
  static final class Ours extends PackedTextInputFormat {
    List<String> list(Job job) throws Exception {
      return describe(listStatus(job));
    }
  }

  static final class Hadoops extends CombineTextInputFormat {
    List<String> list(Job job) throws Exception {
      return describe(listStatus(job));
    }
  }

  static List<String> describe(List<FileStatus> st) {
    return st.stream()
        .map(s -> s.getPath() + " " + s.getLen() + " " + s.isDirectory() + " " + s.getModificationTime()
            + " " + s.getPermission() + " " + s.getOwner())
        .sorted()
        .toList();
  }

  Job job(boolean recursive, String... inputs) throws Exception {
    Job job = Job.getInstance(LocalConf.create());
    FileInputFormat.setInputDirRecursive(job, recursive);
    for (String in : inputs) {
      FileInputFormat.addInputPath(job, new org.apache.hadoop.fs.Path(in));
    }
    return job;
  }

  @Test
  void listsTheSameFilesAsHadoopWithPermissionsAndOwners() throws Exception {
    Job job = job(true, TestData.path("text/gutenberg").toString());
    List<String> ours = new Ours().list(job);
    assertEquals(23, ours.size());
    assertEquals(new Hadoops().list(job), ours);
  }

  @Test
  void hiddenFilesGlobsAndNonRecursiveDirsLikeHadoop() throws Exception {
    Path d = TestDirs.fresh("listing");
    Files.createDirectories(d.resolve("sub/deeper"));
    Files.createDirectories(d.resolve("_logs"));
    Files.createDirectories(d.resolve(".hidden"));
    Files.writeString(d.resolve("a.txt"), "a");
    Files.writeString(d.resolve("b.log"), "bb");
    Files.writeString(d.resolve("_SUCCESS"), "");
    Files.writeString(d.resolve(".a.txt.crc"), "x");
    Files.writeString(d.resolve("sub/c.txt"), "ccc");
    Files.writeString(d.resolve("sub/deeper/d.txt"), "dddd");
    Files.writeString(d.resolve("_logs/e.txt"), "e");
    Files.writeString(d.resolve(".hidden/f.txt"), "f");
    for (boolean recursive : new boolean[] {true, false}) {
      Job job = job(recursive, d.toString());
      assertEquals(new Hadoops().list(job), new Ours().list(job), "recursive=" + recursive);
    }
    Job glob = job(true, d + "/*.txt", d.resolve("sub").toString());
    List<String> ours = new Ours().list(glob);
    assertEquals(new Hadoops().list(glob), ours);
    assertEquals(3, ours.size());
  }

  @Test
  void missingInputsAreReportedLikeHadoop() throws Exception {
    Path d = TestDirs.fresh("missing");
    Job job = job(true, d.resolve("nope").toString(), d + "/*.none");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Ours().list(job));
    assertTrue(e.getMessage().contains("Input path does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("matches 0 files"), e.getMessage());
  }
}
