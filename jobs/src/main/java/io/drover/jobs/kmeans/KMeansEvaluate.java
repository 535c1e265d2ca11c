package io.drover.jobs.kmeans;

import io.drover.common.run.OutputFiles;
import io.drover.common.cli.Flags;
import io.drover.common.cli.UsageException;
import io.drover.common.run.DroverTool;
import io.drover.common.run.Jobs;
import io.drover.jobs.kmeans.mr.KMeansJobs;
import io.drover.jobs.kmeans.mr.SumPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;

/**
 * {@code kmeans-evaluate MODEL <input>...}: the within-cluster sum of squared errors (WSSSE) and
 * the cluster sizes of the input under the model, one MapReduce job, printed as JSON.
 */
public final class KMeansEvaluate extends DroverTool {
  private static final String USAGE =
      "[--json FILE] [--no-header|--ignore-header] MODEL <input>...\n"
          + "  Prints JSON on stdout: records, wssse (the sum of squared distances of the records"
          + " to\n"
          + "  their nearest center, on the scale the model was trained on), and per center its"
          + " size\n"
          + "  and cost. MODEL is a kmeans output dir or its centers.json.\n"
          + "  --json FILE   also write the JSON to FILE (on the default file system)\n"
          + io.drover.jobs.gd.Scoring.HEADER_USAGE;

  private Map<String, Object> last;

  public static void main(String[] args) throws Exception {
    launch(new KMeansEvaluate(), args);
  }

  public KMeansEvaluate() {
    super("kmeans-evaluate", USAGE);
  }

  /** The figures of the last run (tests). */
  public Map<String, Object> metrics() {
    return last;
  }

  @Override
  protected void execute(String[] args) throws Exception {
    Options opts = new Options();
    opts.addOption(Option.builder().longOpt("json").hasArg().build());
    io.drover.jobs.gd.Scoring.addHeaderFlags(opts);
    Flags f = Flags.parse(opts, args);
    io.drover.jobs.gd.Scoring.headerFlags(f, getConf());
    List<String> pos = f.positional();
    if (pos.size() < 2) {
      throw new UsageException("needs MODEL and at least one <input>");
    }
    Configuration conf = getConf();
    KMeansModel m = KMeansScoring.model(conf, pos.get(0));
    List<Path> files = KMeansScoring.inputs(conf, m, pos.subList(1, pos.size()));
    // one partial per center per input file: through the reducers or added here, as kmeans does
    SumPath path = SumPath.of(conf);
    Path scratch =
        new Path(
            conf.get("hadoop.tmp.dir", "target"), "drover-kmeans-evaluate-" + UUID.randomUUID());
    FileSystem fs = scratch.getFileSystem(conf);
    try {
      Job job = Job.getInstance(new Configuration(conf), "drover kmeans-evaluate");
      KMeansScoring.configure(conf, job, m, files, new Path(scratch, "model"));
      job.getConfiguration().setBoolean(io.drover.jobs.kmeans.mr.ScoreMapper.EVALUATE, true);
      Path result = new Path(scratch, "result");
      KMeansJobs.collect(job, m.centers().k(), m.centers().dimension(), result, path);
      Jobs.runToSuccess(job, err());
      KMeansJobs.Result r = KMeansJobs.read(conf, result, m.centers(), path);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("records", r.total());
      out.put("wssse", r.cost());
      out.put("scale", m.standardization().isIdentity() ? "input" : "standardized");
      List<Map<String, Object>> centers = new ArrayList<>();
      for (int c = 0; c < m.centers().k(); c++) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("size", r.counts()[c]);
        one.put("cost", r.costs()[c]);
        centers.add(one);
      }
      out.put("centers", centers);
      last = out;
      String json = OutputFiles.json().writeValueAsString(out);
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
