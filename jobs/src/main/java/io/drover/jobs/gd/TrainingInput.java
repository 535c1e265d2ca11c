package io.drover.jobs.gd;

import io.drover.common.cli.Flags;
import io.drover.common.cli.UsageException;
import io.drover.jobs.gd.data.CsvHeader;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.fs.Path;

/**
 * How a training program reads its input, from {@code --format}, {@code --label} and {@code
 * --features}: LIBSVM (the label first on each line, features by 1-based index), or CSV with a
 * header (the label column by name, if the program has a label; the features by name, default every
 * other column). Shared by gd and k-means, which parse through one {@link TrainingSetCache}.
 *
 * @param label the CSV label column; null: none (LIBSVM, or a program without labels)
 * @param features the CSV feature columns; null: every column but the label
 * @param textLabels a classifier's CSV labels may be any text ({@link
 *     io.drover.jobs.gd.data.Labels}); else a label must be a number
 * @param header what each CSV file's first record is (--no-header, --ignore-header)
 * @param maxCategories CSV: a column whose values are not all numbers is categorical, one-hot
 *     encoded with at most this many values ({@link io.drover.jobs.gd.data.Encoding}); {@link
 *     io.drover.jobs.gd.data.Encoding#LEAVE_OUT}: left out (kmeans); 0: every value must be a
 *     number
 * @param hashFeatures categorical columns are hashed into this many features instead of one-hot;
 *     0: one-hot
 */
public record TrainingInput(
    String format,
    String label,
    List<String> features,
    boolean textLabels,
    CsvHeader header,
    int maxCategories,
    int hashFeatures) {
  public TrainingInput(String format, String label, List<String> features) {
    this(format, label, features, false, CsvHeader.FIRST, 0, 0);
  }

  /** The same input read by a classifier ({@code on}) or not. */
  public TrainingInput withTextLabels(boolean on) {
    return new TrainingInput(format, label, features, on, header, maxCategories, hashFeatures);
  }

  /**
   * The same input with categorical CSV columns of at most {@code max} values (0: none), or hashed
   * into {@code hash} features ({@code > 0}).
   */
  public TrainingInput withCategories(int max, int hash) {
    boolean csv = format.equals("csv");
    return new TrainingInput(
        format, label, features, textLabels, header, csv ? max : 0, csv ? hash : 0);
  }

  /** Adds the input flags {@link #parse} reads: --format, --label, --features and the headers'. */
  public static void addFlags(Options o) {
    for (String f : new String[] {"format", "label", "features"}) {
      o.addOption(Option.builder().longOpt(f).hasArg().build());
    }
    for (String f : new String[] {"no-header", "ignore-header"}) {
      o.addOption(Option.builder().longOpt(f).build());
    }
  }

  /** The usage lines of the input flags for a program with ({@code labelled}) or without labels. */
  public static String usage(boolean labelled) {
    return "  --format F          libsvm (default) or csv (default when every input ends in"
        + " .csv)\n"
        + (labelled
            ? "  --label COLUMN      csv: the label column (required for csv)\n"
                + "  --features A,B,..   csv: the feature columns (default: every other column)\n"
            : "  --features A,B,..   csv: the feature columns (default: every numeric column);\n"
                + "                      libsvm: the label at the start of each line is ignored\n")
        + "  --no-header         csv: no header line; the columns are c1..cN\n"
        + "  --ignore-header     csv: skip the first line whatever it holds (a header that\n"
        + "                      does not describe the rows); the columns are c1..cN\n";
  }

  /**
   * Reads the flags; the format defaults to csv when every input ends in {@code .csv} (possibly
   * compressed). A {@code labelled} program needs {@code --label} for CSV; another refuses it.
   */
  public static TrainingInput parse(Flags f, List<Path> inputs, boolean labelled)
      throws UsageException {
    boolean allCsv =
        inputs.stream().allMatch(p -> p.getName().matches("(?i).*\\.csv(\\.gz|\\.bz2)?"));
    String format = f.get("format", allCsv ? "csv" : "libsvm");
    if (!format.equals("csv") && !format.equals("libsvm")) {
      throw new UsageException("option --format: '" + format + "' is not libsvm or csv");
    }
    String label = f.get("label", null);
    if (!labelled && label != null) {
      throw new UsageException(
          "option --label: this program uses no label; --features names the columns to use");
    }
    if (labelled && format.equals("csv") && label == null) {
      throw new UsageException(
          "csv input needs --label COLUMN (the header's name of the label column)");
    }
    if (format.equals("libsvm") && (label != null || f.has("features"))) {
      throw new UsageException(
          "--label and --features are for csv input; libsvm lines start with the label");
    }
    List<String> features =
        f.has("features")
            ? Arrays.stream(f.get("features", "").split(",")).map(String::strip).toList()
            : null;
    if (features != null && (features.isEmpty() || features.contains(""))) {
      throw new UsageException(
          "option --features: '" + f.get("features", "") + "' has an empty column name");
    }
    CsvHeader header =
        f.has("no-header") ? CsvHeader.NONE
            : f.has("ignore-header") ? CsvHeader.IGNORE : CsvHeader.FIRST;
    if (f.has("no-header") && f.has("ignore-header")) {
      throw new UsageException("--no-header and --ignore-header: give one");
    }
    if (header != CsvHeader.FIRST && !format.equals("csv")) {
      throw new UsageException("--no-header and --ignore-header are for csv input");
    }
    return new TrainingInput(format, label, features, false, header, 0, 0);
  }

  /** CSV: the feature columns' names from the first file's header; LIBSVM: null. */
  public List<String> featureNames(
      org.apache.hadoop.conf.Configuration conf, List<org.apache.hadoop.fs.Path> files)
      throws java.io.IOException {
    if (!format().equals("csv")) {
      return null;
    }
    org.apache.hadoop.fs.Path f = files.get(0);
    try {
      return List.of(
          io.drover.jobs.gd.data.CsvParser.fromHeader(
                  io.drover.jobs.gd.mr.CsvFiles.header(conf, f, header()), label(), features())
              .featureNames());
    } catch (io.drover.jobs.aggregate.input.BadRecordException e) {
      throw new java.io.IOException(f + " line 1: " + e.getMessage());
    }
  }
}
