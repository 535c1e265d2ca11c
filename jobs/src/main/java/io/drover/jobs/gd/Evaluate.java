package io.drover.jobs.gd;

import io.drover.common.run.OutputFiles;
import io.drover.common.cli.Flags;
import io.drover.common.cli.UsageException;
import io.drover.common.run.DroverTool;
import io.drover.common.run.Jobs;
import io.drover.common.run.LeanFileOutputFormat;
import io.drover.jobs.gd.eval.Evaluation;
import io.drover.jobs.gd.mr.EvaluationReducer;
import io.drover.jobs.gd.mr.EvaluationWritable;
import io.drover.jobs.gd.mr.GdJobs;
import io.drover.jobs.gd.mr.ScoringMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/** {@code evaluate MODEL <input>...}: one MR job computing the model's metrics on labeled input. */
public final class Evaluate extends DroverTool {
  private static final String USAGE =
      "[--json FILE] [--no-header|--ignore-header] MODEL <input>...\n"
          + "  logreg: accuracy, log-loss, AUC, precision, recall, F1, confusion matrix (positive =\n"
          + "  probability above 0.5); multinomial logreg: accuracy, log-loss, per-class precision,\n"
          + "  recall, F1, the K x K confusion matrix; linreg: RMSE, MAE, R^2. JSON on stdout.\n"
          + "  --json FILE   also write the JSON to FILE (on the default file system)\n"
          + Scoring.HEADER_USAGE;

  private Map<String, Object> last;

  public static void main(String[] args) throws Exception {
    launch(new Evaluate(), args);
  }

  public Evaluate() {
    super("evaluate", USAGE);
  }

  /** The metrics of the last run (tests). */
  public Map<String, Object> metrics() {
    return last;
  }

  @Override
  protected void execute(String[] args) throws Exception {
    Options opts = new Options();
    opts.addOption(Option.builder().longOpt("json").hasArg().build());
    Scoring.addHeaderFlags(opts);
    Flags f = Flags.parse(opts, args);
    List<String> pos = f.positional();
    if (pos.size() < 2) {
      throw new UsageException("needs MODEL and at least one <input>");
    }
    Configuration conf = getConf();
    Scoring.headerFlags(f, conf);
    Path model = Scoring.modelFile(conf, pos.get(0));
    List<Path> inputs = Scoring.inputs(conf, pos.subList(1, pos.size()));
    io.drover.jobs.gd.model.Model m = Scoring.model(conf, model);
    Scoring.checkColumns(conf, m, inputs, true, List.of());
    Job job = Job.getInstance(new Configuration(conf), "drover evaluate");
    Scoring.configure(job, model, m, inputs);
    job.getConfiguration().setBoolean(ScoringMapper.EVALUATE, true);
    job.setReducerClass(EvaluationReducer.class);
    job.setNumReduceTasks(1);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(EvaluationWritable.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(EvaluationWritable.class);
    LeanFileOutputFormat.use(job, SequenceFileOutputFormat.class);
    Path scratch =
        new Path(conf.get("hadoop.tmp.dir", "target"), "drover-evaluate-" + UUID.randomUUID());
    FileSystem fs = scratch.getFileSystem(conf);
    try {
      FileOutputFormat.setOutputPath(job, scratch);
      Jobs.runToSuccess(job, err());
      Scoring.checkReports(conf, scratch, model, m, inputs, err(), name());
      Evaluation e = GdJobs.readSingle(conf, scratch, new EvaluationWritable()).get();
      if (e.count() == 0) {
        throw new UsageException("no records in " + inputs);
      }
      last = m.classes() != null ? e.metrics(m.classes()) : e.metrics();
      if (m.loss() == io.drover.jobs.gd.model.Loss.HINGE) {
        last.remove("log_loss"); // an SVM's margin is no probability
      }
      String json = OutputFiles.json().writeValueAsString(last);
      System.out.println(json);
      if (f.has("json")) {
        OutputFiles.writeText(
            new Path(f.get("json", "")).getFileSystem(conf),
            new Path(f.get("json", "")),
            json + "\n");
      }
    } finally {
      fs.delete(scratch, true);
    }
  }
}
