package io.drover.jobs.gd.mr;

import io.drover.jobs.gd.data.BadRecordException;
import io.drover.jobs.gd.data.CsvParser;
import io.drover.jobs.gd.data.Example;
import io.drover.jobs.gd.data.LibsvmParser;
import io.drover.jobs.gd.data.RecordParser;
import io.drover.jobs.gd.eval.Evaluation;
import io.drover.jobs.gd.model.Model;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Scores input lines with a trained model (read from {@link #MODEL} in setup). Predict writes
 * {@code label<TAB>score<TAB>prediction} per record (map-only); evaluate sums an {@link Evaluation}
 * and writes it once, keyed by its split (file and offset) so the reducer merges in a fixed order.
 * CSV rows take their columns from their file's header. A bad line fails the task, naming file and
 * byte offset.
 */
public class ScoringMapper extends Mapper<LongWritable, Text, Text, Writable> {
  public static final String MODEL = "drover.gd.model";
  public static final String EVALUATE = "drover.gd.evaluate";

  private Model model;
  private RecordParser parser;
  private Path file;
  private boolean evaluate;
  private Evaluation eval;
  private final Text out = new Text();

  @Override
  protected void setup(Context ctx) throws IOException {
    Configuration conf = ctx.getConfiguration();
    Path m = new Path(conf.get(MODEL));
    try (FSDataInputStream in = m.getFileSystem(conf).open(m)) {
      model = Model.read(in, m.toString());
    }
    file = ((FileSplit) ctx.getInputSplit()).getPath();
    evaluate = conf.getBoolean(EVALUATE, false);
    eval = new Evaluation(model.loss().classifies());
    if (model.featureNames() == null) {
      parser = new LibsvmParser();
    } else if (((FileSplit) ctx.getInputSplit()).getStart() > 0) {
      parser = csv(header(conf));
    }
  }

  private String header(Configuration conf) throws IOException {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
    try (InputStream raw = file.getFileSystem(conf).open(file);
        BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    codec == null ? raw : codec.createInputStream(raw), StandardCharsets.UTF_8))) {
      return r.readLine();
    }
  }

  private RecordParser csv(String header) throws IOException {
    try {
      return CsvParser.fromHeader(header, model.label(), model.featureNames(), !evaluate);
    } catch (BadRecordException e) {
      throw new IOException(file + " line 1: " + e.getMessage());
    }
  }

  @Override
  protected void map(LongWritable offset, Text line, Context ctx)
      throws IOException, InterruptedException {
    if (parser == null) {
      parser = csv(line.toString());
      return;
    }
    Example e;
    try {
      e = parser.parse(line.toString());
    } catch (BadRecordException ex) {
      throw new IOException(file + " byte " + offset.get() + ": " + ex.getMessage());
    }
    if (e == null) {
      return;
    }
    double margin = model.margin(e.indices().length, e.indices(), e.values());
    if (evaluate) {
      if (model.loss().classifies()) {
        // the logistic of the margin: the probability for logreg; for svm a monotone score that
        // ranks (AUC) and thresholds (at margin 0) as the margin does
        eval.addClass(e.label() == model.positive(), 1 / (1 + Math.exp(-margin)));
      } else {
        eval.addValue(e.label(), model.score(margin));
      }
    } else {
      out.set(
          (Double.isNaN(e.label()) ? "" : num(e.label()))
              + "\t"
              + model.score(margin)
              + "\t"
              + num(model.predict(margin)));
      ctx.write(out, org.apache.hadoop.io.NullWritable.get());
    }
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  protected void cleanup(Context ctx) throws IOException, InterruptedException {
    if (evaluate) {
      FileSplit s = (FileSplit) ctx.getInputSplit();
      ctx.write(
          new Text(String.format("%s@%020d", s.getPath(), s.getStart())),
          new EvaluationWritable(eval));
    }
  }
}
