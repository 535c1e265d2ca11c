package io.drover.common.iterate;

import io.drover.common.cli.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What must be unchanged for a run to resume: every parameter that changes the results (input
 * fingerprint, loss, step, regularization, seed, ...), by the name the user knows it by (a flag).
 * Stored as {@code name=value} lines in {@code <output>/_FINGERPRINT}.
 *
 * <p>{@link #prepare} decides what an output dir means for a new command: absent, a fresh run; an
 * unfinished run with the same fingerprint, resume; with a different one, exit 2 naming the
 * parameter unless {@code --restart}; a finished run ({@code _SUCCESS}) or a dir that is not a run,
 * exit 2 unless {@code --overwrite}.
 */
public final class RunFingerprint {
  public static final String FILE = "_FINGERPRINT";
  public static final String FINISHED = "_SUCCESS";

  private final LinkedHashMap<String, String> params;

  public RunFingerprint(Map<String, String> params) {
    this.params = new LinkedHashMap<>(params);
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getKey().contains("=") || e.getKey().contains("\n") || e.getValue().contains("\n")) {
        throw new IllegalArgumentException("bad fingerprint entry " + e);
      }
    }
  }

  public Map<String, String> params() {
    return java.util.Collections.unmodifiableMap(params);
  }

  /** The first parameter whose value differs, named with both values; empty when they match. */
  public Optional<String> firstDifference(RunFingerprint stored) {
    for (Map.Entry<String, String> e : params.entrySet()) {
      String was = stored.params.get(e.getKey());
      if (!Objects.equals(was, e.getValue())) {
        return Optional.of(
            e.getKey()
                + " (the unfinished run used "
                + (was == null ? "nothing" : was)
                + ", this command "
                + e.getValue()
                + ")");
      }
    }
    for (String k : stored.params.keySet()) {
      if (!params.containsKey(k)) {
        return Optional.of(
            k + " (the unfinished run used " + stored.params.get(k) + ", this command nothing)");
      }
    }
    return Optional.empty();
  }

  public String format() {
    StringBuilder b = new StringBuilder();
    params.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString();
  }

  public static RunFingerprint parse(String text) {
    LinkedHashMap<String, String> p = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        p.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new RunFingerprint(p);
  }

  public void write(FileSystem fs, Path file) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(format().getBytes(StandardCharsets.UTF_8));
    }
  }

  public static Optional<RunFingerprint> read(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      return Optional.empty();
    }
    try (FSDataInputStream in = fs.open(file)) {
      return Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }

  /** What {@link #prepare} found. */
  public enum Start {
    FRESH,
    RESUME
  }

  /**
   * Makes {@code output} ready for a run with this fingerprint and says whether it resumes. Deletes
   * only {@code output} itself, and only when {@code overwrite} or {@code restart} allow.
   *
   * @throws UsageException the output is finished or foreign (no {@code overwrite}), or its
   *     unfinished run used other parameters (no {@code restart}): the message names the parameter
   */
  public Start prepare(FileSystem fs, Path output, boolean restart, boolean overwrite)
      throws IOException, UsageException {
    if (!fs.exists(output)) {
      return Start.FRESH;
    }
    if (!fs.getFileStatus(output).isDirectory()) {
      throw new UsageException("output " + output + " exists and is a file, not a directory");
    }
    Optional<RunFingerprint> stored = read(fs, new Path(output, FILE));
    boolean finished = fs.exists(new Path(output, FINISHED));
    if (overwrite) {
      delete(fs, output);
      return Start.FRESH;
    }
    if (finished) {
      throw new UsageException(
          "output " + output + " holds a finished run; pass --overwrite to replace it");
    }
    if (stored.isEmpty()) {
      throw new UsageException(
          "output "
              + output
              + " exists and is not a Drover training run; pass --overwrite to"
              + " replace it");
    }
    Optional<String> diff = firstDifference(stored.get());
    if (diff.isEmpty()) {
      return Start.RESUME;
    }
    if (restart) {
      return Start.FRESH;
    }
    throw new UsageException(
        "output "
            + output
            + " holds an unfinished run with other parameters: "
            + diff.get()
            + "; rerun with the same parameters to resume it, or pass --restart to start over");
  }

  private static void delete(FileSystem fs, Path output) throws IOException {
    if (!fs.delete(output, true)) {
      throw new IOException("could not delete " + output);
    }
  }
}
