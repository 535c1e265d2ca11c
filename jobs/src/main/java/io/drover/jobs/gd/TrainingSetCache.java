package io.drover.jobs.gd;

import io.drover.common.cli.UsageException;
import io.drover.common.iterate.CheckpointStore;
import io.drover.common.iterate.RunFingerprint;
import io.drover.common.run.JobFailedException;
import io.drover.common.run.Jobs;
import io.drover.jobs.gd.data.Encoding;
import io.drover.jobs.gd.data.ParseSummary;
import io.drover.jobs.gd.mr.GdJobs;
import io.drover.jobs.gd.mr.SummaryWritable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The binary training set in {@code <output>/data/}: parsed once by a MapReduce job, with its
 * {@link ParseSummary}, the standardization's {@code scaling} and the fingerprint of the input
 * files and parsing options; reused while they are unchanged.
 */
public final class TrainingSetCache {
  public static final String DATA = "data";
  public static final String SCALING = "scaling";

  private final Configuration conf;
  private final TrainingInput in;
  private final boolean overwrite;
  private final List<Path> files;
  private final RunFingerprint fingerprint;

  /**
   * @param overwrite the user asked for {@code --overwrite}: parse again whatever is there
   */
  public TrainingSetCache(
      Configuration conf, TrainingInput in, boolean overwrite, List<Path> files)
      throws IOException {
    this.conf = conf;
    this.in = in;
    this.overwrite = overwrite;
    this.files = files;
    this.fingerprint = fingerprint(conf, files, in);
  }

  /** A digest of the input files and parsing options, for the run fingerprint. */
  public String digest() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(fingerprint.format().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes {@code <out>/data} hold the training set (parsing into {@code temp} first unless the
   * one there fits) and returns its summary, checked by {@code validate} before anything is
   * written into {@code out}.
   */
  public ParseSummary prepare(
      FileSystem fs, Path out, Path temp, Validator validate, String name, PrintStream err)
      throws IOException, JobFailedException, UsageException {
    Path data = new Path(out, DATA);
    boolean reuse =
        !overwrite
            && fs.exists(new Path(data, "_SUCCESS"))
            && RunFingerprint.read(fs, new Path(data, RunFingerprint.FILE))
                .map(stored -> fingerprint.firstDifference(stored).isEmpty())
                .orElse(false);
    if (reuse) {
      ParseSummary s = GdJobs.readSingle(conf, data, new SummaryWritable()).get();
      validate.check(s);
      validate.checkData(s, data);
      return s;
    }
    Path parsed = new Path(temp, DATA);
    err.println(name + ": parsing " + files.size() + " input file(s) into the binary training set");
    Jobs.runToSuccess(
        GdJobs.parseJob(conf, files, in, parsed), err);
    ParseSummary s = GdJobs.readSingle(conf, parsed, new SummaryWritable()).get();
    validate.check(s);
    Encoding enc = encoding(s);
    if (enc != null && !enc.trivial()) {
      // the model's features from the raw records, once: categorical columns one-hot, missing
      // values imputed; the summary keeps the labels and columns, with the new features' stats
      Path raw = parsed;
      parsed = new Path(temp, DATA + "-encoded");
      if (in.maxCategories() != Encoding.LEAVE_OUT) { // the program says what it left out
        err.println(name + ": encoding " + enc.columns().stream().filter(c -> c.categorical())
            .count() + " categorical column(s) into " + enc.dimension() + " features");
      }
      Jobs.runToSuccess(
          GdJobs.encodeJob(conf, raw, in.maxCategories(), in.hashFeatures(), parsed), err);
      ParseSummary stats = GdJobs.readSingle(conf, parsed, new SummaryWritable()).get();
      s = s.withFeatureStats(stats);
      GdJobs.writeSingle(conf, parsed, new SummaryWritable(s));
      fs.delete(raw, true);
    }
    writeScaling(fs, new Path(parsed, SCALING), s);
    validate.checkData(s, parsed);
    fingerprint.write(fs, new Path(parsed, RunFingerprint.FILE));
    fs.mkdirs(out);
    if (fs.exists(data)) {
      fs.delete(data, true);
    }
    if (!fs.rename(parsed, data)) {
      throw new IOException("could not rename " + parsed + " to " + data);
    }
    return s;
  }

  /**
   * The encoding of a CSV read with categorical columns ({@link TrainingInput#maxCategories}),
   * planned from its summary; null for other input.
   */
  public Encoding encoding(ParseSummary s) throws UsageException {
    if (in.maxCategories() == 0 || s.columnNames().isEmpty()) {
      return null;
    }
    try {
      return Encoding.plan(
          s, in.maxCategories(), in.hashFeatures(), i -> files.get(i).toString());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + "; nothing was written");
    }
  }

  /** Bad input found in a summary. */
  public interface Validator {
    void check(ParseSummary s) throws UsageException;

    /**
     * A look at the parsed records in {@code data} (chunks and {@code scaling}) while nothing is
     * written yet: a fresh parse is still in the temp dir.
     */
    default void checkData(ParseSummary s, Path data) throws UsageException, IOException {}
  }

  static RunFingerprint fingerprint(Configuration conf, List<Path> files, TrainingInput o)
      throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("--format", o.format());
    m.put("--label", String.valueOf(o.label()));
    m.put("--features", o.features() == null ? "all" : String.join(",", o.features()));
    // the summary holds each label's text since labels may be text: older sets parse again
    m.put("csv header", o.header().word());
    m.put("labels", o.textLabels() ? "text or numbers" : "numbers");
    if (o.maxCategories() != 0) {
      // the summary counts each column's values; older sets parse again
      m.put("categorical", o.maxCategories() == Encoding.LEAVE_OUT ? "left out"
          : o.hashFeatures() > 0 ? "hashed into " + o.hashFeatures() + " features"
          : "one-hot, at most " + o.maxCategories() + " values per column");
    }
    for (Path f : files) {
      FileStatus st = f.getFileSystem(conf).getFileStatus(f);
      m.put("file " + f, st.getLen() + " bytes, modified " + st.getModificationTime());
    }
    return new RunFingerprint(m);
  }

  static void writeScaling(FileSystem fs, Path file, ParseSummary s) throws IOException {
    int d = s.dimension();
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = s.mean(j);
      std[j] = s.stddev(j);
    }
    try (FSDataOutputStream out = fs.create(file, true)) {
      CheckpointStore.writeState(out, mean);
      CheckpointStore.writeState(out, std);
    }
  }
}
