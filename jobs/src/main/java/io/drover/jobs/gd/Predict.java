package io.drover.jobs.gd;

import io.drover.common.cli.Flags;
import io.drover.common.cli.UsageException;
import io.drover.common.run.DroverTool;
import io.drover.common.run.Jobs;
import io.drover.common.run.LeanFileOutputFormat;
import io.drover.common.run.OutputCommit;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/** {@code predict MODEL <input>... <output>}: map-only scoring with a trained model. */
public final class Predict extends DroverTool {
  private static final String USAGE =
      "[--overwrite[=force]] MODEL <input>... <output>\n"
                 + "  Writes label<TAB>score<TAB>prediction per input record (score: the probability"
                 + " of the\n"
                 + "  positive class for logreg, the prediction for linreg; label empty when a CSV"
                 + " has no\n"
                 + "  label column). MODEL is a logreg/linreg output dir or its model.json. Inputs"
                 + " are read\n"
                 + "  in the model's format (CSV by header names when it was trained on CSV).\n"
                 + "  --overwrite   replace <output> if it is a previous job output (the old one"
                 + " stays\n"
                 + "                until the new one is complete); --overwrite=force: any"
                 + " directory\n"
                 + Scoring.HEADER_USAGE;

  public static void main(String[] args) throws Exception {
    launch(new Predict(), args);
  }

  public Predict() {
    super("predict", USAGE);
  }

  @Override
  protected void execute(String[] args) throws Exception {
    Options opts = new Options();
    opts.addOption(Option.builder().longOpt("overwrite").build());
    Scoring.addHeaderFlags(opts);
    Flags f = Flags.parse(opts, args);
    List<String> pos = f.positional();
    if (pos.size() < 3) {
      throw new UsageException("needs MODEL, at least one <input> and <output>");
    }
    Configuration conf = getConf();
    Scoring.headerFlags(f, conf);
    Path model = Scoring.modelFile(conf, pos.get(0));
    List<Path> inputs = Scoring.inputs(conf, pos.subList(1, pos.size() - 1));
    io.drover.jobs.gd.model.Model m = Scoring.model(conf, model);
    Scoring.checkColumns(conf, m, inputs, false);
    try (OutputCommit out =
        OutputCommit.prepare(conf, new Path(pos.get(pos.size() - 1)), f.overwrite(), inputs)) {
      Job job = Job.getInstance(new Configuration(conf), "drover predict");
      Scoring.configure(job, model, m, inputs);
      job.setNumReduceTasks(0);
      job.setOutputKeyClass(Text.class);
      job.setOutputValueClass(NullWritable.class);
      LeanFileOutputFormat.use(job, TextOutputFormat.class);
      FileOutputFormat.setOutputPath(job, out.staging());
      Jobs.runToSuccess(job, err());
      Scoring.checkReports(conf, out.staging(), model, m, inputs, err(), name());
      out.commit();
      err().println("predict: predictions written to " + out.output());
    }
  }
}
