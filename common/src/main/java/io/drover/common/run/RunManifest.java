package io.drover.common.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an output was made, to be written beside it as {@code _drover/manifest.json} (a name that
 * starts with {@code _}, so Hadoop's input formats skip it as they skip {@code _SUCCESS}): the
 * program and its version, the arguments, the configuration that differs from Hadoop's defaults
 * (secrets masked), the inputs with their sizes and modification times, each job with its id,
 * wall time, outcome and counters, notes on what the jobs alone do not tell (a resumed run), and
 * the exit status. Pure: the caller gathers the facts.
 *
 * <p>Issue 16's run manifest, written for every program that commits an output: a {@link
 * RunRecorder} gathers the facts of each run, {@link OutputCommit} writes the manifest into the
 * staging output just before its rename (an in-place output, at the end of the run). The exit
 * status is therefore always 0: a run that fails leaves no output and so no manifest. A program
 * without an output dir ({@code evaluate}, {@code --explain}, a dry run) writes none.
 */
public record RunManifest(String program, String version, List<String> args,
    Map<String, String> conf, List<Input> inputs, List<JobRun> jobs, List<String> notes,
    int exitStatus, String startedAt, long wallMs) {
  /** The manifest's dir inside the output, and its file. */
  public static final String DIR = "_drover";
  public static final String FILE = "manifest.json";
  /** What a masked value reads. */
  static final String MASKED = "<masked>";

  /** One input file: its qualified path, length in bytes and modification time (ms since 1970). */
  public record Input(String path, long bytes, long modifiedMs) {}

  /** One MapReduce job of the run; counters by group display name, then counter name. */
  public record JobRun(String name, String id, long wallMs, boolean succeeded,
      Map<String, Map<String, Long>> counters) {}

  /**
   * The entries of {@code effective} whose value is not {@code defaults}' (missing there: not a
   * default), sorted by key; values of keys that look like secrets are masked.
   */
  public static Map<String, String> nonDefaults(Map<String, String> effective,
      Map<String, String> defaults) {
    Map<String, String> out = new TreeMap<>();
    effective.forEach((k, v) -> {
      if (!java.util.Objects.equals(v, defaults.get(k))) {
        out.put(k, isSecret(k) ? MASKED : v);
      }
    });
    return out;
  }

  /** A key whose value must not be written down (passwords, secrets, tokens, credentials). */
  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("secret") || k.contains("token")
        || k.contains("credential") || k.endsWith(".key") || k.contains("access.key");
  }

  /**
   * The manifest as indented JSON, fields in the record's order. Written with Jackson's streaming
   * generator: its object mapper loads ~500 classes, 0.3 s at the end of every run.
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("program", program);
      g.writeStringField("version", version);
      strings(g, "args", args);
      g.writeStringField("startedAt", startedAt);
      g.writeNumberField("wallMs", wallMs);
      g.writeNumberField("exitStatus", exitStatus);
      g.writeObjectFieldStart("conf");
      for (Map.Entry<String, String> e : conf.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("inputs");
      for (Input in : inputs) {
        g.writeStartObject();
        g.writeStringField("path", in.path());
        g.writeNumberField("bytes", in.bytes());
        g.writeNumberField("modifiedMs", in.modifiedMs());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("jobs");
      for (JobRun j : jobs) {
        g.writeStartObject();
        g.writeStringField("name", j.name());
        g.writeStringField("id", j.id());
        g.writeNumberField("wallMs", j.wallMs());
        g.writeBooleanField("succeeded", j.succeeded());
        g.writeObjectFieldStart("counters");
        for (Map.Entry<String, Map<String, Long>> grp : j.counters().entrySet()) {
          g.writeObjectFieldStart(grp.getKey());
          for (Map.Entry<String, Long> c : grp.getValue().entrySet()) {
            g.writeNumberField(c.getKey(), c.getValue());
          }
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      strings(g, "notes", notes);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("manifest not writable as JSON", e);
    }
    return out + "\n";
  }

  private static void strings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
