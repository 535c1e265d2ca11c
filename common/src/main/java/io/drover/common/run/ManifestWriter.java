package io.drover.common.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.CounterGroup;
import org.apache.hadoop.mapreduce.Counters;

/** Gathers a {@link RunManifest}'s facts from Hadoop's objects and writes it into an output. */
public final class ManifestWriter {
  private ManifestWriter() {}

  /** Drover's version, from the Maven descriptor in {@code module}'s jar ("unknown" from classes). */
  public static String version(Class<?> c, String module) {
    try (InputStream in = c.getResourceAsStream(
        "/META-INF/maven/io.drover/" + module + "/pom.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The settings of {@code conf} not set by Hadoop's {@code *-default.xml} files alone (as {@link
   * Jobs#setDefault} tells them apart), secrets masked, sorted by key.
   */
  public static Map<String, String> nonDefaultConf(Configuration conf) {
    Map<String, String> effective = new LinkedHashMap<>();
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : conf) {
      effective.put(e.getKey(), e.getValue());
      String[] sources = conf.getPropertySources(e.getKey());
      boolean fromDefaults = sources != null && sources.length > 0;
      for (String s : sources == null ? new String[0] : sources) {
        fromDefaults &= s.endsWith("-default.xml");
      }
      if (fromDefaults) {
        defaults.put(e.getKey(), e.getValue());
      }
    }
    return RunManifest.nonDefaults(effective, defaults);
  }

  /** Every file under {@code inputs} (dirs listed recursively, hidden names skipped). */
  public static List<RunManifest.Input> inputs(Configuration conf, List<Path> inputs)
      throws IOException {
    List<RunManifest.Input> out = new ArrayList<>();
    for (Path p : inputs) {
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] matched = fs.globStatus(p);
      for (FileStatus st : matched == null ? new FileStatus[0] : matched) {
        add(fs, st, out);
      }
    }
    return out;
  }

  private static void add(FileSystem fs, FileStatus st, List<RunManifest.Input> out)
      throws IOException {
    String name = st.getPath().getName();
    if (name.startsWith("_") || name.startsWith(".")) {
      return;
    }
    if (st.isDirectory()) {
      for (FileStatus c : fs.listStatus(st.getPath())) {
        add(fs, c, out);
      }
    } else {
      out.add(new RunManifest.Input(st.getPath().toString(), st.getLen(),
          st.getModificationTime()));
    }
  }

  /** A job's counters by group display name (null counters: none). */
  public static Map<String, Map<String, Long>> counters(Counters c) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    if (c != null) {
      for (CounterGroup g : c) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Counter k : g) {
          m.put(k.getDisplayName(), k.getValue());
        }
        out.put(g.getDisplayName(), m);
      }
    }
    return out;
  }

  /** Writes {@code m} as {@code dir/_drover/manifest.json}; returns that path. */
  public static Path write(Configuration conf, Path dir, RunManifest m) throws IOException {
    Path file = new Path(new Path(dir, RunManifest.DIR), RunManifest.FILE);
    FileSystem fs = file.getFileSystem(conf);
    try (FSDataOutputStream o = fs.create(file, true)) {
      o.write(m.toJson().getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
