package io.drover.jobs.pagerank;

import io.drover.common.run.InputPacking;
import io.drover.common.iterate.IterativeDriver;
import io.drover.common.run.DroverTool;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * {@code pagerank}: options and input listing; the run is {@link PageRankAlgorithm} on the {@link
 * IterativeDriver} (checkpoints, resume, {@code --restart}, overwrite).
 */
public final class PageRank extends DroverTool {
  public static void main(String[] args) throws Exception {
    launch(new PageRank(), args);
  }

  public PageRank() {
    super("pagerank", PageRankOptions.USAGE);
  }

  @Override
  protected void execute(String[] args) throws Exception {
    Configuration conf = getConf();
    PageRankOptions o = PageRankOptions.parse(args);
    List<Path> files = InputPacking.sortedFiles(conf, o.inputs());
    PageRankAlgorithm algo = new PageRankAlgorithm(o, conf, files);
    try {
      IterativeDriver.run(
          conf,
          files,
          o.output(),
          algo,
          new IterativeDriver.Settings(
              o.maxIter(), o.keepCheckpoints(), o.restart(), o.overwrite()),
          err());
    } catch (PageRankAlgorithm.BadInput e) {
      throw e.usage();
    }
  }
}
