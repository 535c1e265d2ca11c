package io.drover.jobs.gd;

import io.drover.common.cli.Flags;
import io.drover.common.cli.UsageException;
import io.drover.common.run.InputPacking;
import io.drover.jobs.JobJar;
import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.aggregate.mr.CsvInputFormat;
import io.drover.jobs.gd.data.CsvHeader;
import io.drover.jobs.gd.data.CsvParser;
import io.drover.jobs.gd.model.Model;
import io.drover.jobs.gd.mr.CsvFiles;
import io.drover.jobs.gd.mr.ScoringMapper;
import io.drover.jobs.gd.mr.ScoringReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

/** What predict and evaluate share: finding model.json, reading the input, checking it fits. */
public final class Scoring {
  private Scoring() {}

  /** MODEL is a training output dir (holding model.json) or the model.json file. */
  static Path modelFile(Configuration conf, String arg) throws IOException, UsageException {
    Path p = new Path(arg);
    FileSystem fs = p.getFileSystem(conf);
    if (!fs.exists(p)) {
      throw new UsageException("MODEL " + fs.makeQualified(p) + " does not exist");
    }
    if (fs.getFileStatus(p).isDirectory()) {
      p = new Path(p, "model.json");
      if (!fs.exists(p)) {
        throw new UsageException(
            "MODEL "
                + fs.makeQualified(p.getParent())
                + " holds no model.json (is it a finished logreg/linreg output?)");
      }
    }
    return fs.makeQualified(p);
  }

  /** The model in {@code file}; one that cannot be read as a Drover model is a usage error. */
  static Model model(Configuration conf, Path file) throws IOException, UsageException {
    try (FSDataInputStream in = file.getFileSystem(conf).open(file)) {
      return Model.read(in, file.toString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      throw new UsageException("MODEL " + file + " is not valid JSON" + (at == null ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
          + "; give the output dir of a finished logreg, linreg or svm run");
    } catch (IOException | RuntimeException e) {
      throw new UsageException("MODEL " + file + " is not a Drover model ("
          + (e.getMessage() == null ? "a field is missing or of the wrong kind" : e.getMessage())
          + "); give the output dir of a finished logreg, linreg or svm run");
    }
  }

  /** The usage lines of predict's and evaluate's header flags. */
  public static final String HEADER_USAGE =
      "  --header, --no-header, --ignore-header  CSV: the first line is a header, a row, or\n"
          + "                skipped (columns c1..cN); default: as the model was trained";

  /** Reads --header, --no-header or --ignore-header into {@code conf}; none: the model's. */
  public static void headerFlags(Flags f, Configuration conf) throws UsageException {
    int n = 0;
    for (String w : new String[] {"header", "no-header", "ignore-header"}) {
      if (f.has(w)) {
        n++;
        conf.set(ScoringMapper.HEADER,
            w.equals("header") ? "first" : w.equals("no-header") ? "none" : "ignore");
      }
    }
    if (n > 1) {
      throw new UsageException("--header, --no-header, --ignore-header: give at most one");
    }
  }

  public static void addHeaderFlags(org.apache.commons.cli.Options opts) {
    for (String w : new String[] {"header", "no-header", "ignore-header"}) {
      opts.addOption(org.apache.commons.cli.Option.builder().longOpt(w).build());
    }
  }

  static CsvHeader header(Configuration conf, Model model) {
    return CsvHeader.of(conf.get(ScoringMapper.HEADER, model.csvHeader().word()));
  }

  /** CSV models read records with the one CSV reader (packed splits), LIBSVM models lines. */
  static void configure(Job job, Path modelFile, Model model, List<Path> inputs)
      throws IOException {
    JobJar.use(job);
    job.getConfiguration().set(ScoringMapper.MODEL, modelFile.toString());
    if (model.featureNames() != null) {
      InputPacking.configure(job, inputs);
      job.setInputFormatClass(CsvInputFormat.class);
    } else {
      job.setInputFormatClass(TextInputFormat.class);
      FileInputFormat.setInputDirRecursive(job, true);
      FileInputFormat.setInputPaths(job, inputs.toArray(new Path[0]));
    }
    job.setMapperClass(ScoringMapper.class);
  }

  static List<Path> inputs(Configuration conf, List<String> args)
      throws IOException, UsageException {
    return InputPacking.resolveInputs(conf, args.stream().map(Path::new).toList());
  }

  /**
   * A CSV model: every input file's header must name the model's feature columns (and its label,
   * when {@code labelNeeded}); else a usage error naming the file and the missing columns.
   */
  static void checkColumns(Configuration conf, Model model, List<Path> inputs, boolean labelNeeded,
      List<String> keep) throws IOException, UsageException {
    CsvHeader h = header(conf, model);
    if (model.featureNames() == null) {
      return;
    }
    List<String> wanted = new ArrayList<>(model.columns());
    if (labelNeeded && model.label() != null) {
      wanted.add(model.label());
    }
    wanted.addAll(keep);
    for (Path f : InputPacking.sortedFiles(conf, inputs)) {
      String header = CsvFiles.header(conf, f, h);
      if (header == null) {
        continue; // no records
      }
      List<String> names;
      try {
        names = CsvParser.fields(header);
      } catch (BadRecordException e) {
        throw new UsageException(f + " line 1: " + e.getMessage() + "; nothing was written");
      }
      List<String> missing = new ArrayList<>(wanted);
      missing.removeAll(names);
      if (!missing.isEmpty()) {
        throw new UsageException(
            f + " line 1: the model's column(s) " + String.join(", ", missing)
                + " are not in the header (the model reads "
                + String.join(",", model.columns())
                + (labelNeeded && model.label() != null ? " and the label " + model.label() : "")
                + (keep.isEmpty() ? "" : ", --keep " + String.join(",", keep))
                + "; the file has " + String.join(",", names) + "); nothing was written");
      }
    }
  }

  /**
   * A LIBSVM model: reads (and deletes) the tasks' {@link ScoringReport}s in {@code dir}. A record
   * with a feature index beyond the model is a usage error naming the file and line (the first
   * one by file and offset); features of the model that no record holds get a warning line.
   */
  static void checkReports(Configuration conf, Path dir, Path modelFile, Model model,
      List<Path> inputs, PrintStream err, String program) throws IOException, UsageException {
    if (model.featureNames() != null) {
      return;
    }
    FileSystem fs = dir.getFileSystem(conf);
    BitSet seen = new BitSet();
    ScoringReport first = null;
    for (FileStatus st : fs.listStatus(dir, p -> p.getName().startsWith(ScoringReport.PREFIX))) {
      ScoringReport r;
      try (FSDataInputStream in = fs.open(st.getPath())) {
        r = ScoringReport.read(in);
      }
      fs.delete(st.getPath(), false);
      seen.or(r.seen);
      if (r.hasBad()
          && (first == null
              || r.badFile.compareTo(first.badFile) < 0
              || (r.badFile.equals(first.badFile) && r.badOffset < first.badOffset))) {
        first = r;
      }
    }
    int d = model.weights().length;
    if (first != null) {
      throw new UsageException(
          where(conf, first) + ": feature index " + first.badIndex + " is beyond the model's " + d
              + " features (" + modelFile + "); score input with the features the model was"
              + " trained on; nothing was written");
    }
    int absent = d - seen.cardinality();
    if (absent > 0) {
      StringBuilder list = new StringBuilder();
      int shown = 0;
      for (int j = seen.nextClearBit(0); j < d && shown < 10; j = seen.nextClearBit(j + 1)) {
        list.append(shown++ == 0 ? "" : ", ").append(j + 1);
      }
      err.printf(Locale.ROOT,
          "%s: warning: %d of the model's %d features never appear in %s (%s%s): their values"
              + " read as 0%n",
          program, absent, d, inputs, list, absent > shown ? ", ..." : "");
    }
  }

  /** {@code file line N} of a report's bad record. */
  private static String where(Configuration conf, ScoringReport r) throws IOException {
    if (r.splitStart == 0) {
      return r.badFile + " line " + r.badLine;
    }
    Path f = new Path(r.badFile);
    if (new CompressionCodecFactory(conf).getCodec(f) != null) {
      return r.badFile + " (line " + r.badLine + " of the part from compressed byte "
          + r.splitStart + ")";
    }
    long line = 1;
    try (InputStream in = f.getFileSystem(conf).open(f)) {
      byte[] b = new byte[1 << 16];
      long left = r.badOffset;
      while (left > 0) {
        int n = in.read(b, 0, (int) Math.min(b.length, left));
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (b[i] == '\n') {
            line++;
          }
        }
        left -= n;
      }
    }
    return r.badFile + " line " + line;
  }
}
