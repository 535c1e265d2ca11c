package io.drover.jobs.kmeans.mr;

import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * Sends every partial of a center ({@link KMeansJobs#key}) to one reducer: center modulo the
 * number of reducers, so each reducer also knows which centers it owns (the empty ones it writes).
 */
public class CenterPartitioner extends Partitioner<Text, ClusterWritable> {
  /** The reducer that owns center {@code c}. */
  public static int partition(int c, int reducers) {
    return c % reducers;
  }

  @Override
  public int getPartition(Text key, ClusterWritable value, int reducers) {
    return partition(KMeansJobs.center(key), reducers);
  }
}
