package io.drover.jobs.wordcount;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads a job's text output (part files, any file system) back for assertions. */
final class JobOutput {
  private JobOutput() {}

  static List<String> partNames(Configuration conf, Path dir) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    return Arrays.stream(fs.listStatus(dir))
        .map(s -> s.getPath().getName())
        .filter(n -> n.startsWith("part-"))
        .sorted()
        .toList();
  }

  /** All lines of all part files, in part order. */
  static List<String> lines(Configuration conf, Path dir) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    List<String> out = new ArrayList<>();
    for (String name : partNames(conf, dir)) {
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(fs.open(new Path(dir, name)), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          out.add(line);
        }
      }
    }
    return out;
  }

  /** word<TAB>count lines as a map; fails on a repeated word. */
  static Map<String, Long> counts(Configuration conf, Path dir) throws IOException {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String line : lines(conf, dir)) {
      int tab = line.lastIndexOf('\t');
      Long before = m.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
      assertNull(before, "word written twice: " + line);
    }
    return m;
  }

  static boolean hasSuccessMarker(Configuration conf, Path dir) throws IOException {
    FileStatus[] st = dir.getFileSystem(conf).listStatus(new Path(dir, "_SUCCESS"));
    return st != null && st.length == 1;
  }
}
