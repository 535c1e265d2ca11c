package io.drover.jobs.kmeans;

import io.drover.common.cli.Flags;
import io.drover.common.cli.UsageException;
import io.drover.common.run.DroverTool;
import io.drover.common.run.Jobs;
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
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/** {@code kmeans-predict MODEL <input>... <output>}: each record's nearest center, map-only. */
public final class KMeansPredict extends DroverTool {
  private static final String USAGE =
      "[--overwrite[=force]] [--no-header|--ignore-header] MODEL <input>... <output>\n"
          + "  Writes cluster<TAB>squared distance per input record (cluster: the 0-based index of"
          + " the\n"
          + "  nearest center in centers.json; the distance on the scale the model was trained"
          + " on),\n"
          + "  one file part-FFFFF per input file, in input order: `cat part-*` follows the"
          + " input.\n"
          + "  MODEL is a kmeans output dir or its centers.json; inputs are read as kmeans read its"
          + " own\n"
          + "  (CSV by the model's column names, else LIBSVM with the label ignored).\n"
          + "  --overwrite   replace <output> if it is a previous job output; --overwrite=force:"
          + " any\n"
          + "                directory\n"
          + io.drover.jobs.gd.Scoring.HEADER_USAGE;

  public static void main(String[] args) throws Exception {
    launch(new KMeansPredict(), args);
  }

  public KMeansPredict() {
    super("kmeans-predict", USAGE);
  }

  @Override
  protected void execute(String[] args) throws Exception {
    Options opts = new Options();
    opts.addOption(Option.builder().longOpt("overwrite").build());
    io.drover.jobs.gd.Scoring.addHeaderFlags(opts);
    Flags f = Flags.parse(opts, args);
    io.drover.jobs.gd.Scoring.headerFlags(f, getConf());
    List<String> pos = f.positional();
    if (pos.size() < 3) {
      throw new UsageException("needs MODEL, at least one <input> and <output>");
    }
    Configuration conf = getConf();
    KMeansModel m = KMeansScoring.model(conf, pos.get(0));
    List<Path> files = KMeansScoring.inputs(conf, m, pos.subList(1, pos.size() - 1));
    List<Path> read = new java.util.ArrayList<>(files);
    // an input too: in the run manifest, and never inside the output
    read.add(KMeansScoring.modelFile(conf, pos.get(0)));
    try (OutputCommit out =
        OutputCommit.prepare(conf, new Path(pos.get(pos.size() - 1)), f.overwrite(), read)) {
      Job job = Job.getInstance(new Configuration(conf), "drover kmeans-predict");
      KMeansScoring.configure(conf, job, m, files, out.temp("model"));
      job.setNumReduceTasks(0);
      job.setOutputKeyClass(Text.class);
      job.setOutputValueClass(NullWritable.class);
      // the mapper writes its own part-FFFFF; no empty part-m files beside them
      LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
      FileOutputFormat.setOutputPath(job, out.staging());
      Jobs.runToSuccess(job, err());
      out.commit();
      err().println("kmeans-predict: clusters written to " + out.output());
    }
  }
}
