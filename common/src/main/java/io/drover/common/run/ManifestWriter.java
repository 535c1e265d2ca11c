package io.drover.common.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.CounterGroup;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;

/**
 * Gathers a {@link RunManifest}'s facts from Hadoop's objects into the run's {@link RunRecorder}
 * and writes the manifest into an output.
 *
 * <p>A run's recorder is found through its configuration: {@link #attach} names it in {@link
 * #RECORDER} on the configuration the program is given, so every configuration and job made from
 * that one (as Drover's programs make them) leads to it. Code that runs jobs outside a {@link
 * DroverTool} (tests building a job with {@code createJob}) has none, and nothing is recorded.
 */
public final class ManifestWriter {
  /** The id of the run's recorder in this JVM (set by {@link #attach}; not a user setting). */
  public static final String RECORDER = "drover.run.recorder";
  /** Settings that name a run's own scratch, not how the output was made: not in the manifest. */
  private static final Set<String> INTERNAL = Set.of(RECORDER, OutputCommit.WORK_DIR);
  private static final Map<String, RunRecorder> OPEN = new ConcurrentHashMap<>();

  private ManifestWriter() {}

  /** Makes {@code r} the recorder of the run whose configuration is {@code conf}. */
  public static void attach(Configuration conf, RunRecorder r) {
    String id = UUID.randomUUID().toString();
    OPEN.put(id, r);
    conf.set(RECORDER, id);
  }

  /** Ends the run of {@code conf}: its recorder is forgotten. */
  public static void detach(Configuration conf) {
    String id = conf.get(RECORDER);
    if (id != null) {
      OPEN.remove(id);
      conf.unset(RECORDER);
    }
  }

  /** The recorder of the run {@code conf} belongs to; null outside a run. */
  public static RunRecorder recorder(Configuration conf) {
    String id = conf.get(RECORDER);
    return id == null ? null : OPEN.get(id);
  }

  /** Tells the run's recorder (if any) its inputs: every file under them, with size and time. */
  static void recordInputs(Configuration conf, List<Path> inputs) throws IOException {
    RunRecorder r = recorder(conf);
    if (r != null) {
      r.inputs(inputs(conf, inputs));
    }
  }

  /**
   * Adds a job that ran to the run's recorder (if any); {@code counters} null: none (a failed
   * job's are not fetched, a cluster may no longer have them).
   */
  static void recordJob(Job job, long wallMs, boolean succeeded, Counters counters) {
    RunRecorder r = recorder(job.getConfiguration());
    if (r != null && job.getJobID() != null) {
      r.job(new RunManifest.JobRun(job.getJobName(), String.valueOf(job.getJobID()), wallMs,
          succeeded, counters(counters)));
    }
  }

  /** Adds a note to the run's recorder (if any): see {@link RunRecorder#note}. */
  public static void note(Configuration conf, String note) {
    RunRecorder r = recorder(conf);
    if (r != null) {
      r.note(note);
    }
  }

  /**
   * Writes the manifest of the run {@code conf} belongs to into {@code dir}: the staging dir of an
   * output, or an in-place output itself. Does nothing outside a run.
   */
  static void writeInto(Configuration conf, Path dir) throws IOException {
    RunRecorder r = recorder(conf);
    if (r != null) {
      write(conf, dir, r.manifest(nonDefaultConf(conf), System.currentTimeMillis()));
    }
  }

  /** Notes for the run's recorder (if any) that {@code output}, with its manifest, is in place. */
  static void placed(Configuration conf, Path output) {
    RunRecorder r = recorder(conf);
    if (r != null) {
      r.written(path(output).toString());
    }
  }

  /** Where an output's manifest is: {@code output/_drover/manifest.json}. */
  public static Path path(Path output) {
    return new Path(new Path(output, RunManifest.DIR), RunManifest.FILE);
  }

  /** Drover's version, from the first Maven descriptor of its modules on the class path. */
  public static String version(Class<?> c) {
    for (String module : List.of("drover-jobs", "drover-streaming", "drover-common")) {
      String v = version(c, module);
      if (!v.equals("unknown")) {
        return v;
      }
    }
    return "unknown";
  }

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
      if (INTERNAL.contains(e.getKey())) {
        continue;
      }
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

  /**
   * Every file under {@code inputs} as the jobs list them ({@link InputPacking#listFiles}: globs
   * expanded, dirs walked, hidden names skipped); inputs that match nothing are left out.
   */
  public static List<RunManifest.Input> inputs(Configuration conf, List<Path> inputs)
      throws IOException {
    List<RunManifest.Input> out = new ArrayList<>();
    for (FileStatus st : InputPacking.list(conf, inputs, true, null, new ArrayList<>())) {
      out.add(new RunManifest.Input(st.getPath().toString(), st.getLen(),
          st.getModificationTime()));
    }
    return out;
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
    Path file = path(dir);
    FileSystem fs = file.getFileSystem(conf);
    try (FSDataOutputStream o = fs.create(file, true)) {
      o.write(m.toJson().getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
