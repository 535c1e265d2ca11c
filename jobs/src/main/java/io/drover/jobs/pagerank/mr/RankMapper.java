package io.drover.jobs.pagerank.mr;

import io.drover.jobs.pagerank.model.RankMath;
import io.drover.jobs.pagerank.model.StateLine;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * One vertex line: its rank's share to each out-edge's destination (once per edge, so duplicates
 * count), and the line itself to the vertex, which the reducer rewrites with the new rank.
 */
public class RankMapper extends Mapper<LongWritable, Text, Text, RankMessage> {
  private final StateLine line = new StateLine();
  private final Text key = new Text();
  private final RankMessage msg = new RankMessage();
  private long n;

  @Override
  protected void setup(Context ctx) {
    n = PageRankJobs.vertices(ctx.getConfiguration());
  }

  @Override
  protected void map(LongWritable offset, Text text, Context ctx)
      throws IOException, InterruptedException {
    byte[] b = text.getBytes();
    line.parse(b, text.getLength(), offset.get());
    double rank = line.rank(b, n);
    int degree = line.outDegree();
    if (degree > 0) {
      msg.share(RankMath.share(rank, degree));
      line.forEachEdge(
          b,
          (start, end) -> {
            key.set(b, start, end - start);
            ctx.write(key, msg);
          });
    }
    key.set(b, 0, line.nameEnd());
    ctx.write(key, msg.node(rank, degree, b, line.adjacencyStart(), text.getLength()));
  }
}
