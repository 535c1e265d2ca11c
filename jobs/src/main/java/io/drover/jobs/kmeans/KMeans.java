package io.drover.jobs.kmeans;

import io.drover.common.run.InputPacking;
import io.drover.common.iterate.IterativeDriver;
import io.drover.common.run.DroverTool;
import io.drover.jobs.gd.TrainingSetCache;
import io.drover.jobs.kmeans.mr.SumPath;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * {@code kmeans}: options and input listing; the run is {@link KMeansAlgorithm} on the {@link
 * IterativeDriver} (checkpoints, resume, {@code --restart}, overwrite).
 */
public final class KMeans extends DroverTool {
  public static void main(String[] args) throws Exception {
    launch(new KMeans(), args);
  }

  public KMeans() {
    super("kmeans", KMeansOptions.USAGE);
  }

  @Override
  protected void execute(String[] args) throws Exception {
    Configuration conf = getConf();
    KMeansOptions o = KMeansOptions.parse(args);
    SumPath path = SumPath.of(conf);
    List<Path> files = InputPacking.sortedFiles(conf, o.inputs());
    KMeansAlgorithm algo =
        new KMeansAlgorithm(
            o,
            files,
            new TrainingSetCache(conf, o.input(), o.overwrite().allowed(), files),
            path);
    try {
      IterativeDriver.run(
          conf,
          files,
          o.output(),
          algo,
          new IterativeDriver.Settings(
              o.maxIter(), o.keepCheckpoints(), o.restart(), o.overwrite()),
          err());
    } catch (KMeansAlgorithm.BadInput e) {
      throw e.usage();
    }
  }
}
