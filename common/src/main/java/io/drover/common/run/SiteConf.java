package io.drover.common.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A cluster's client configuration written as a real cluster's {@code *-site.xml} files hold it:
 * only the properties whose values differ from what Hadoop's {@code *-default.xml} files say (or
 * that those files lack). A full dump would pin every default as if a site had chosen it, and a
 * program's own defaults for keys the site leaves alone ({@link Jobs#setDefault}: uber mode for
 * an iterative run's jobs, say) would then never apply. The same content goes into all four
 * files: each {@code *-site.xml} is loaded right after its {@code *-default.xml}, so a setting in
 * {@code core-site.xml} alone could be set back by {@code mapred-default.xml} (the framework to
 * {@code local}, and the "cluster" job quietly run in the client).
 */
public final class SiteConf {
  static final String[] DEFAULT_FILES = {
    "core-default.xml", "hdfs-default.xml", "mapred-default.xml", "yarn-default.xml"
  };
  static final String[] SITE_FILES = {
    "core-site.xml", "hdfs-site.xml", "mapred-site.xml", "yarn-site.xml"
  };

  private SiteConf() {}

  /** The properties of {@code full} (raw values) that Hadoop's default files do not give alike. */
  public static Configuration nonDefaults(Configuration full) {
    Configuration defaults = new Configuration(false);
    for (String r : DEFAULT_FILES) {
      if (defaults.getClassLoader().getResource(r) != null) {
        defaults.addResource(r);
      }
    }
    Configuration out = new Configuration(false);
    for (Map.Entry<String, String> e : full) {
      if (!e.getValue().equals(defaults.getRaw(e.getKey()))) {
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Writes {@code conf}'s non-default properties into {@code dir} as the four site files. */
  public static void writeSiteFiles(Configuration conf, Path dir) throws IOException {
    Files.createDirectories(dir);
    Configuration site = nonDefaults(conf);
    for (String name : SITE_FILES) {
      try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
        site.writeXml(out);
      }
    }
  }

  /** {@code SiteConf <configuration dump.xml> <conf dir>}: what {@code bin/drover minicluster} runs. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SiteConf <configuration.xml> <conf dir>");
      System.exit(2);
    }
    Configuration full = new Configuration(false);
    full.addResource(new org.apache.hadoop.fs.Path(Paths.get(args[0]).toUri()));
    writeSiteFiles(full, Paths.get(args[1]));
  }
}
