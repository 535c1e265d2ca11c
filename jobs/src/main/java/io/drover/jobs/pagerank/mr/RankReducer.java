package io.drover.jobs.pagerank.mr;

import io.drover.jobs.pagerank.model.ExactSum;
import io.drover.jobs.pagerank.model.RankMath;
import io.drover.jobs.pagerank.model.StepStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * A vertex's new rank from the exact sum of its shares ({@link RankMath#next}; some of them may
 * arrive already summed, exactly, by {@link RankCombiner}), written with its
 * out-edges as the next state's line; its {@code _stats} line has the exact sums of the new ranks,
 * of the L1 change and of the dangling vertices' new ranks (the next step's dangling mass).
 */
public class RankReducer extends Reducer<Text, RankMessage, Text, Text> {
  private final ExactSum shares = new ExactSum();
  private final ExactSum rankSum = new ExactSum();
  private final ExactSum change = new ExactSum();
  private final ExactSum danglingMass = new ExactSum();
  private final DataOutputBuffer line = new DataOutputBuffer();
  private final Text value = new Text();
  private MultipleOutputs<Text, Text> mos;
  private long n;
  private double damping;
  private double mass;
  private long vertices;
  private long edges;
  private long dangling;

  @Override
  protected void setup(Context ctx) {
    Configuration c = ctx.getConfiguration();
    n = PageRankJobs.vertices(c);
    damping = PageRankJobs.damping(c);
    mass = PageRankJobs.danglingMass(c);
    mos = new MultipleOutputs<>(ctx);
  }

  @Override
  protected void reduce(Text key, Iterable<RankMessage> values, Context ctx)
      throws IOException, InterruptedException {
    shares.reset();
    boolean seen = false;
    double old = 0;
    int degree = 0;
    line.reset();
    for (RankMessage m : values) {
      if (m.isNode()) {
        if (seen) {
          throw new IOException("vertex '" + key + "' has two lines in the rank dataset");
        }
        seen = true;
        old = m.value();
        degree = m.outDegree();
        line.write(m.edges(), 0, m.edgesLength());
      } else {
        m.addTo(shares); // a share, or the combiner's exact sum of several
      }
    }
    if (!seen) {
      throw new IOException("vertex '" + key + "' receives rank but has no line in the dataset");
    }
    double next = RankMath.next(damping, n, mass, shares.value());
    byte[] rank = Double.toString(next).getBytes(StandardCharsets.US_ASCII);
    value.set(rank);
    value.append(line.getData(), 0, line.getLength());
    ctx.write(key, value);
    vertices++;
    edges += degree;
    rankSum.add(next);
    change.add(Math.abs(next - old));
    if (degree == 0) {
      dangling++;
      danglingMass.add(next);
    }
  }

  @Override
  protected void cleanup(Context ctx) throws IOException, InterruptedException {
    StepStats s =
        new StepStats(
            vertices, edges, dangling, rankSum.exact(), change.exact(), danglingMass.exact());
    mos.write(
        PageRankJobs.STATS_OUTPUT,
        NullWritable.get(),
        new Text(s.format()),
        PageRankJobs.STATS_BASE);
    mos.close();
  }
}
