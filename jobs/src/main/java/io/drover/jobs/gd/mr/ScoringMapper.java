package io.drover.jobs.gd.mr;

import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.gd.data.CsvHeader;
import io.drover.jobs.gd.data.CsvParser;
import io.drover.jobs.gd.data.Example;
import io.drover.jobs.gd.data.Labels;
import io.drover.jobs.gd.data.LibsvmParser;
import io.drover.jobs.gd.data.Predictions;
import io.drover.jobs.gd.data.RecordParser;
import io.drover.jobs.gd.eval.Evaluation;
import io.drover.jobs.gd.model.Model;
import io.drover.jobs.gd.model.Multinomial;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.BitSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Scores input records with a trained model (read from {@link #MODEL} in setup). Predict writes
 * {@code label<TAB>score<TAB>prediction} per record (map-only); evaluate sums an {@link Evaluation}
 * and writes it once, keyed by its split (file and offset) so the reducer merges in a fixed order.
 *
 * <p>CSV (a model trained on CSV): records from {@code CsvInputFormat}, the one CSV reader; each
 * file's rows take their columns from its header (the record at offset 0, or read from the file's
 * start by a split that starts later). LIBSVM: lines; a task writes a {@link ScoringReport} beside
 * the output ({@code _scoring-m-NNNNN}): the model's features it saw, and its first record with an
 * index beyond the model (where it stops), for the client to refuse or warn. Any other bad record
 * fails the task, naming file and byte offset.
 */
public class ScoringMapper extends Mapper<LongWritable, Text, Text, Writable> {
  public static final String MODEL = "drover.gd.model";
  public static final String EVALUATE = "drover.gd.evaluate";

  /** predict: CSV columns written through before the label (--keep). */
  public static final String KEEP = "drover.gd.scoring.keep";

  /** What each CSV file's first record is ({@link CsvHeader}); unset: the model's. */
  public static final String HEADER = "drover.gd.scoring.header";

  private Configuration conf;
  private Model model;
  private boolean csv;
  private CsvHeader header;
  private String[] keep;
  private int[] keepCols = new int[0];
  private RecordParser parser;
  private String file;
  private boolean evaluate;
  private Evaluation eval;
  private final Text out = new Text();
  private ScoringReport report;
  private long line;
  private boolean stopped;
  private Multinomial multi;
  private double[] codes;
  private double[] margins;

  @Override
  protected void setup(Context ctx) throws IOException {
    conf = ctx.getConfiguration();
    Path m = new Path(conf.get(MODEL));
    try (FSDataInputStream in = m.getFileSystem(conf).open(m)) {
      model = Model.read(in, m.toString());
    }
    evaluate = conf.getBoolean(EVALUATE, false);
    multi = model.multinomial();
    if (multi != null) {
      codes = model.classCodes();
      margins = new double[multi.classes()];
    }
    eval =
        multi != null
            ? Evaluation.multiclass(multi.classes())
            : new Evaluation(model.loss().classifies());
    csv = model.featureNames() != null;
    header = CsvHeader.of(conf.get(HEADER, model.csvHeader().word()));
    keep = conf.getStrings(KEEP, new String[0]);
    if (!csv) {
      parser = new LibsvmParser();
      FileSplit s = (FileSplit) ctx.getInputSplit();
      file = s.getPath().toString();
      report = new ScoringReport(model.weights().length);
      report.splitStart = s.getStart();
    }
  }

  private RecordParser csv(String names) throws IOException {
    try {
      if (names == null) {
        throw new IOException(file + " has no records");
      }
      CsvParser p =
          CsvParser.fromHeader(names, model.label(), model.columns(), !evaluate)
              .textLabels(model.textLabels())
              .headerless(header != CsvHeader.FIRST)
              .categorical(model.encoding() != null)
              .hashing(model.encoding() == null ? 0 : model.encoding().hashBuckets());
      keepCols = new int[keep.length];
      for (int i = 0; i < keep.length; i++) {
        keepCols[i] = p.column(keep[i]);
        if (keepCols[i] < 0) {
          throw new IOException(file + " line 1: no column '" + keep[i] + "' for --keep");
        }
      }
      return p;
    } catch (BadRecordException e) {
      throw new IOException(file + " line 1: " + e.getMessage());
    }
  }

  @Override
  protected void map(LongWritable offset, Text record, Context ctx)
      throws IOException, InterruptedException {
    if (csv) {
      String current = conf.get(MRJobConfig.MAP_INPUT_FILE);
      if (!current.equals(file)) {
        file = current;
        parser = offset.get() == 0 ? null : csv(CsvFiles.header(conf, new Path(file), header));
      }
      if (parser == null) {
        if (header == CsvHeader.FIRST) {
          parser = csv(record.toString());
          return;
        }
        parser = csv(CsvFiles.header(conf, new Path(file), header));
        if (header == CsvHeader.IGNORE) {
          return; // the record at offset 0
        }
      }
    } else if (stopped) {
      return;
    }
    line++;
    Example e;
    try {
      e = parser.parse(record.toString());
      if (e != null && model.encoding() != null) {
        e = model.encoding().encode(e, ((CsvParser) parser).lastTexts());
      }
    } catch (BadRecordException ex) {
      throw new IOException(file + " byte " + offset.get() + ": " + ex.getMessage());
    }
    if (e == null) {
      return;
    }
    if (report != null) {
      int[] idx = e.indices();
      if (idx.length > 0 && idx[idx.length - 1] >= report.dimension) {
        report.bad(file, offset.get(), line, idx[idx.length - 1] + 1);
        stopped = true;
        return;
      }
      for (int j : idx) {
        report.seen.set(j);
      }
    }
    if (multi != null) {
      multiclass(e, offset.get(), ctx);
      return;
    }
    double margin = model.margin(e.indices().length, e.indices(), e.values());
    if (evaluate) {
      if (model.loss().classifies()) {
        if (model.textLabels() && e.label() != model.positive() && e.label() != model.negative()) {
          throw new IOException(file + " byte " + offset.get() + ": label '" + parser.labelText()
              + "' is neither of the model's labels '" + model.negativeText() + "' and '"
              + model.positiveText() + "'");
        }
        // the logistic of the margin: the probability for logreg; for svm a monotone score that
        // ranks (AUC) and thresholds (at margin 0) as the margin does
        eval.addClass(e.label() == model.positive(), 1 / (1 + Math.exp(-margin)));
      } else {
        eval.addValue(e.label(), model.score(margin));
      }
    } else {
      out.set(
          keptAndLabel(e)
              + "\t"
              + model.score(margin)
              + "\t"
              + Predictions.escape(model.predictedLabel(margin)));
      ctx.write(out, org.apache.hadoop.io.NullWritable.get());
    }
  }

  /** predict: the --keep columns as read, then the record's label (empty when it has none). */
  private String keptAndLabel(Example e) {
    StringBuilder kept = new StringBuilder();
    for (int c : keepCols) {
      kept.append(Predictions.escape(((CsvParser) parser).lastField(c))).append('\t');
    }
    return kept
        + (Double.isNaN(e.label())
            ? ""
            : parser.labelText() != null
                ? Predictions.escape(parser.labelText())
                : Labels.numberText(e.label()));
  }

  /**
   * A multinomial model's record: evaluate adds its true class, the predicted one and {@code -log
   * p_true}; predict writes label, the probability of the predicted class, the predicted class
   * and the probability of each class, in class order.
   */
  private void multiclass(Example e, long offset, Context ctx)
      throws IOException, InterruptedException {
    model.margins(e.indices().length, e.indices(), e.values(), margins);
    int predicted = Model.argmax(margins);
    if (evaluate) {
      int truth = -1;
      for (int c = 0; c < codes.length; c++) {
        if (codes[c] == e.label()) {
          truth = c;
        }
      }
      if (truth < 0) {
        throw new IOException(file + " byte " + offset + ": label '"
            + (parser.labelText() != null ? parser.labelText() : Labels.numberText(e.label()))
            + "' is none of the model's classes " + model.classes());
      }
      double mTrue = margins[truth];
      eval.addMulticlass(truth, predicted, Multinomial.logSumExp(margins, codes.length) - mTrue);
      return;
    }
    Multinomial.softmax(margins, codes.length);
    StringBuilder b = new StringBuilder(keptAndLabel(e));
    b.append('\t')
        .append(margins[predicted])
        .append('\t')
        .append(Predictions.escape(model.classes().get(predicted)));
    for (double p : margins) {
      b.append('\t').append(p);
    }
    out.set(b.toString());
    ctx.write(out, org.apache.hadoop.io.NullWritable.get());
  }

  /** The split's first file and offset: the order in which evaluate's reducer merges. */
  static String splitKey(InputSplit split) {
    if (split instanceof CombineFileSplit c) {
      return String.format("%s@%020d", c.getPath(0), c.getOffset(0));
    }
    FileSplit s = (FileSplit) split;
    return String.format("%s@%020d", s.getPath(), s.getStart());
  }

  @Override
  protected void cleanup(Context ctx) throws IOException, InterruptedException {
    if (evaluate) {
      ctx.write(new Text(splitKey(ctx.getInputSplit())), new EvaluationWritable(eval));
    }
    if (report != null) {
      Path dir = FileOutputFormat.getWorkOutputPath(ctx);
      Path f =
          new Path(
              dir,
              String.format(
                  "%s%05d", ScoringReport.PREFIX, ctx.getTaskAttemptID().getTaskID().getId()));
      try (DataOutputStream o = f.getFileSystem(conf).create(f, true)) {
        report.write(o);
      }
    }
  }
}
