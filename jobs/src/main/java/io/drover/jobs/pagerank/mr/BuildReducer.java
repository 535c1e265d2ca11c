package io.drover.jobs.pagerank.mr;

import io.drover.jobs.pagerank.model.StepStats;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Writes the initial rank dataset: per vertex {@code vertex<TAB>} (the empty rank is 1/N) and
 * {@code <TAB>dst} per out-edge, in arrival order (the order changes no rank: the shares are added
 * exactly); bad-line reports pass through under the empty key. Its {@code _stats} file counts
 * vertices, edges and dangling vertices.
 */
public class BuildReducer extends Reducer<Text, Text, Text, Text> {
  private final DataOutputBuffer edges = new DataOutputBuffer();
  private final Text value = new Text();
  private MultipleOutputs<Text, Text> mos;
  private long vertices;
  private long edgeCount;
  private long dangling;

  @Override
  protected void setup(Context ctx) {
    mos = new MultipleOutputs<>(ctx);
  }

  @Override
  protected void reduce(Text key, Iterable<Text> values, Context ctx)
      throws IOException, InterruptedException {
    if (key.getLength() == 0) {
      for (Text v : values) {
        ctx.write(key, v);
      }
      return;
    }
    edges.reset();
    int degree = 0;
    for (Text v : values) {
      if (v.getLength() > 0) {
        edges.write('\t');
        edges.write(v.getBytes(), 0, v.getLength());
        degree++;
      }
    }
    value.set(edges.getData(), 0, edges.getLength());
    ctx.write(key, value);
    vertices++;
    edgeCount += degree;
    if (degree == 0) {
      dangling++;
    }
  }

  @Override
  protected void cleanup(Context ctx) throws IOException, InterruptedException {
    StepStats s =
        new StepStats(
            vertices, edgeCount, dangling, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    mos.write(
        PageRankJobs.STATS_OUTPUT,
        NullWritable.get(),
        new Text(s.format()),
        PageRankJobs.STATS_BASE);
    mos.close();
  }
}
