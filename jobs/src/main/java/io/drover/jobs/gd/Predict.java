package io.drover.jobs.gd;

import io.drover.common.run.OutputFiles;
import io.drover.common.cli.Flags;
import io.drover.common.cli.UsageException;
import io.drover.common.run.DroverTool;
import io.drover.common.run.Jobs;
import io.drover.common.run.LeanFileOutputFormat;
import io.drover.common.run.OutputCommit;
import io.drover.jobs.gd.data.Predictions;
import io.drover.jobs.gd.mr.ScoringMapper;
import java.util.Arrays;
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
      "[--overwrite[=force]] [--keep A,B] MODEL <input>... <output>\n"
                 + "  Writes [kept columns<TAB>]label<TAB>score<TAB>prediction per input record"
                 + " (score: the probability"
                 + " of the\n"
                 + "  positive class for logreg, the prediction for linreg; label empty when a CSV"
                 + " has no\n"
                 + "  label column; a multinomial logreg model: the probability of the predicted"
                 + " class,\n"
                 + "  then one probability per class in class order). MODEL is a logreg/linreg output dir or its model.json. Inputs"
                 + " are read\n"
                 + "  in the model's format (CSV by header names when it was trained on CSV).\n"
                 + "  --overwrite   replace <output> if it is a previous job output (the old one"
                 + " stays\n"
                 + "                until the new one is complete); --overwrite=force: any"
                 + " directory\n"
                 + "  --keep A,B    CSV: pass these columns (ids) through, first on each line\n"
                 + "  Also writes <output>/_schema (name<TAB>type per column, as aggregate does);\n"
                 + "  a tab, line break or backslash in a value is written as"
                 + " \\t, \\n, \\r, \\\\.\n"
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
    opts.addOption(Option.builder().longOpt("keep").hasArg().build());
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
    List<String> keep =
        f.has("keep")
            ? Arrays.stream(f.get("keep", "").split(",")).map(String::strip).toList()
            : List.of();
    if (keep.contains("")) {
      throw new UsageException(
          "option --keep: '" + f.get("keep", "") + "' has an empty column name");
    }
    if (!keep.isEmpty() && m.featureNames() == null) {
      throw new UsageException("option --keep is for models trained on CSV (LIBSVM rows have no"
          + " named columns)");
    }
    Scoring.checkColumns(conf, m, inputs, false, keep);
    List<Path> read = new java.util.ArrayList<>(inputs);
    read.add(model); // an input too: in the run manifest, and never inside the output
    try (OutputCommit out =
        OutputCommit.prepare(conf, new Path(pos.get(pos.size() - 1)), f.overwrite(), read)) {
      Job job = Job.getInstance(new Configuration(conf), "drover predict");
      Scoring.configure(job, model, m, inputs);
      if (!keep.isEmpty()) {
        job.getConfiguration().setStrings(ScoringMapper.KEEP, keep.toArray(new String[0]));
      }
      job.setNumReduceTasks(0);
      job.setOutputKeyClass(Text.class);
      job.setOutputValueClass(NullWritable.class);
      LeanFileOutputFormat.use(job, TextOutputFormat.class);
      FileOutputFormat.setOutputPath(job, out.staging());
      Jobs.runToSuccess(job, err());
      Scoring.checkReports(conf, out.staging(), model, m, inputs, err(), name());
      OutputFiles.writeText(out.staging().getFileSystem(conf), new Path(out.staging(), "_schema"),
          Predictions.schema(keep, m));
      out.commit();
      err().println("predict: predictions written to " + out.output());
    }
  }
}
