package io.drover.jobs.gd;

import io.drover.common.cli.UsageException;
import io.drover.common.run.InputPacking;
import io.drover.jobs.JobJar;
import io.drover.jobs.gd.mr.ScoringMapper;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

/** What predict and evaluate share: finding model.json and reading the input. */
final class Scoring {
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

  static void configure(Job job, Path model, List<Path> inputs) throws IOException {
    JobJar.use(job);
    job.getConfiguration().set(ScoringMapper.MODEL, model.toString());
    job.setInputFormatClass(TextInputFormat.class);
    FileInputFormat.setInputDirRecursive(job, true);
    FileInputFormat.setInputPaths(job, inputs.toArray(new Path[0]));
    job.setMapperClass(ScoringMapper.class);
  }

  static List<Path> inputs(Configuration conf, List<String> args)
      throws IOException, UsageException {
    return InputPacking.resolveInputs(conf, args.stream().map(Path::new).toList());
  }
}
