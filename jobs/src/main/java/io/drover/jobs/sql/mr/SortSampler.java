package io.drover.jobs.sql.mr;

import io.drover.jobs.sql.exec.Chain;
import io.drover.jobs.sql.logical.Plan.SortKey;
import io.drover.jobs.sql.physical.Branch;
import io.drover.jobs.sql.physical.Shuffle;
import io.drover.jobs.sql.physical.Stage;
import io.drover.jobs.sql.runtime.Evaluator;
import io.drover.jobs.sql.runtime.SortKeyCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.WritableComparator;

/**
 * Samples an ORDER BY stage's sort keys on the client, as Hadoop's InputSampler does for
 * TotalOrderPartitioner: the first rows of each input branch (read and run through the branch's
 * operators exactly as its map tasks will), their keys encoded and sorted. A biased sample only
 * unbalances the reducers; the order is right whatever the split points.
 */
final class SortSampler {
  private SortSampler() {}

  /** Thrown by the sampling sink to stop reading a branch. */
  private static final class Enough extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Enough() {
      super(null, null, false, false);
    }
  }

  static List<byte[]> sample(Configuration job, Stage stage, int maxRows) {
    // the client reads broadcast sides in place: their distributed cache links are the tasks'
    Configuration jobConf = new Configuration(job);
    for (java.util.Map.Entry<String, String> e : job) {
      if (e.getKey().startsWith(SqlConf.BROADCAST_LINK)) {
        jobConf.unset(e.getKey());
      }
    }
    Shuffle.Sort sort = (Shuffle.Sort) stage.shuffle();
    SortKeyCodec codec = Keys.sortCodec(sort.keys());
    List<byte[]> keys = new ArrayList<>();
    int perBranch = Math.max(1, maxRows / stage.inputs().size());
    for (Branch b : stage.inputs()) {
      Evaluator.Fn[] fns = Chain.compile(sort.keys().stream().map(SortKey::expr).toList(),
          b.schema(), SqlConf.zone(jobConf));
      int[] n = {0};
      try {
        Chain.read(b, row -> {
          keys.add(codec.encode(Chain.eval(fns, row)));
          if (++n[0] >= perBranch) {
            throw new Enough();
          }
        }, StageTask.reader(jobConf), StageTask.memory(jobConf), SqlConf.zone(jobConf));
      } catch (Enough e) {
        // enough rows from this branch
      }
    }
    keys.sort((x, y) -> WritableComparator.compareBytes(x, 0, x.length, y, 0, y.length));
    return keys;
  }
}
