package io.drover.jobs.aggregate.mr;

import java.io.IOException;
import java.util.PriorityQueue;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The order job's mapper: with a LIMIT n it keeps only the split's n first rows in ORDER BY order
 * (a bounded heap), so at most n records per map reach the single reducer; without one it passes
 * rows through for the shuffle to sort.
 */
public class OrderMapper extends Mapper<BytesWritable, Text, BytesWritable, Text> {
  private long limit;
  private PriorityQueue<Entry> heap;

  private record Entry(byte[] key, String line) {}

  private static int compare(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }

  @Override
  protected void setup(Context context) {
    limit = context.getConfiguration().getLong(AggregateConf.LIMIT, -1);
    if (limit >= 0) {
      heap = new PriorityQueue<>((x, y) -> compare(y.key, x.key)); // the worst on top
    }
  }

  @Override
  protected void map(BytesWritable key, Text line, Context context)
      throws IOException, InterruptedException {
    if (heap == null) {
      context.write(key, line);
      return;
    }
    if (limit == 0) {
      return;
    }
    byte[] k = key.copyBytes();
    if (heap.size() < limit) {
      heap.add(new Entry(k, line.toString()));
    } else if (compare(k, heap.peek().key) < 0) {
      heap.poll();
      heap.add(new Entry(k, line.toString()));
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    if (heap != null) {
      BytesWritable k = new BytesWritable();
      Text v = new Text();
      for (Entry e : heap) {
        k.set(e.key, 0, e.key.length);
        v.set(e.line);
        context.write(k, v);
      }
    }
  }
}
