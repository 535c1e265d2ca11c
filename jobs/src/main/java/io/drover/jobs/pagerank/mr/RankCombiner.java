package io.drover.jobs.pagerank.mr;

import io.drover.jobs.pagerank.model.ExactSum;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Sums the shares reaching one vertex before the shuffle, exactly ({@link ExactSum}), so the
 * reducer's sum, and the rank's bits, are the same whether the combiner runs 0, 1 or n times. The
 * vertex's own line passes through; a lone share stays a share (9 bytes, no smaller as a sum).
 */
public class RankCombiner extends Reducer<Text, RankMessage, Text, RankMessage> {
  private final ExactSum sum = new ExactSum();
  private final RankMessage out = new RankMessage();

  @Override
  protected void reduce(Text key, Iterable<RankMessage> values, Context ctx)
      throws IOException, InterruptedException {
    sum.reset();
    int terms = 0;
    double lone = 0;
    boolean loneIsShare = false;
    for (RankMessage m : values) {
      if (m.isNode()) {
        ctx.write(key, m);
      } else {
        m.addTo(sum);
        terms++;
        loneIsShare = m.isShare();
        lone = m.value();
      }
    }
    if (terms == 1 && loneIsShare) {
      ctx.write(key, out.share(lone));
    } else if (terms > 0) {
      ctx.write(key, out.partial(sum));
    }
  }
}
