package io.drover.common.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The configuration of a LocalJobRunner job, holding only what differs from Hadoop's {@code
 * *-default.xml} files: the settings of site files, {@code -conf} files, {@code -D} and the
 * program. For a job of one iteration, whose own work takes ~12 ms, writing and re-reading the
 * full configuration (~1,100 properties, 170 kB of job.xml) was the largest part of its cost:
 * {@code JobSubmitter} writes it to the staging dir and LocalJobRunner parses it again (README,
 * Benchmarks). The tasks see exactly the same values: LocalJobRunner reads job.xml into a {@code
 * JobConf}, which loads the same {@code *-default.xml} files of this JVM first.
 *
 * <p>The client's own reads of a dropped key (the submitter, the split computation, and in
 * LocalJobRunner the job's committer) get the value Hadoop's code gives an unset key, which
 * Hadoop keeps equal to its default file's (checked for the keys a local submission reads: the
 * committer's algorithm version, split sizes and locations, the staging root, the framework). A
 * dropped key that a kept value refers to ({@code ${hadoop.tmp.dir}}) is kept. On a cluster the
 * configuration is left whole: there job.xml is read by other processes, and a small file saves
 * little next to a job's seconds.
 */
public final class LeanJobConf {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}$\\s]+)\\}");

  private LeanJobConf() {}

  /**
   * A new configuration for a job from {@code base}: for a local job, without the properties that
   * only {@code *-default.xml} files set; on a cluster, a plain copy of {@code base}.
   */
  public static Configuration of(Configuration base) {
    if (!InputPacking.isLocal(base)) {
      return new Configuration(base);
    }
    Map<String, String> all = new HashMap<>();
    for (Map.Entry<String, String> e : base) { // raw values: ${...} expands where they are read
      all.put(e.getKey(), e.getValue());
    }
    Deque<String> kept = new ArrayDeque<>();
    for (String key : all.keySet()) {
      if (!fromDefaultsOnly(base.getPropertySources(key))) {
        kept.add(key);
      }
    }
    Configuration lean = new Configuration(false);
    while (!kept.isEmpty()) {
      String key = kept.poll();
      if (lean.getRaw(key) != null) {
        continue;
      }
      String value = all.get(key);
      String[] sources = base.getPropertySources(key);
      if (sources == null || sources.length == 0) {
        lean.set(key, value);
      } else {
        lean.set(key, value, sources[sources.length - 1]);
      }
      Matcher m = VARIABLE.matcher(value);
      while (m.find()) {
        if (all.containsKey(m.group(1))) {
          kept.add(m.group(1));
        }
      }
    }
    lean.setClassLoader(base.getClassLoader());
    return lean;
  }

  /** Whether every source of a property is one of Hadoop's {@code *-default.xml} files. */
  static boolean fromDefaultsOnly(String[] sources) {
    if (sources == null || sources.length == 0) {
      return false; // unknown: kept
    }
    for (String s : sources) {
      if (!s.endsWith("-default.xml")) {
        return false;
      }
    }
    return true;
  }
}
