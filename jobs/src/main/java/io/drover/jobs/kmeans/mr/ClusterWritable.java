package io.drover.jobs.kmeans.mr;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;

/**
 * One center's partial: point count, cost (sum of squared distances) and the points' coordinate
 * sum. In the reduce path's output ({@link CentersReducer}) the vector is the center's next place
 * instead of the sum.
 */
public final class ClusterWritable implements Writable {
  private long count;
  private double cost;
  private double[] vector = new double[0];

  public ClusterWritable() {}

  public ClusterWritable(long count, double cost, double[] vector) {
    this.count = count;
    this.cost = cost;
    this.vector = vector;
  }

  public long count() {
    return count;
  }

  public double cost() {
    return cost;
  }

  public double[] vector() {
    return vector;
  }

  /** Adds {@code o}'s count, cost and vector into this one (an empty one takes o's length). */
  public void add(ClusterWritable o) {
    if (vector.length == 0) {
      vector = new double[o.vector.length];
    }
    if (o.vector.length != vector.length) {
      throw new IllegalArgumentException(
          "partials of " + vector.length + " and " + o.vector.length + " coordinates");
    }
    count += o.count;
    cost += o.cost;
    for (int j = 0; j < vector.length; j++) {
      vector[j] += o.vector[j];
    }
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeDouble(cost);
    out.writeInt(vector.length);
    for (double v : vector) {
      out.writeDouble(v);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    count = in.readLong();
    cost = in.readDouble();
    int n = in.readInt();
    vector = new double[n];
    for (int j = 0; j < n; j++) {
      vector[j] = in.readDouble();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterWritable w
        && w.count == count
        && Double.compare(w.cost, cost) == 0
        && java.util.Arrays.equals(w.vector, vector);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + java.util.Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "count=" + count + " cost=" + cost + " vector=" + java.util.Arrays.toString(vector);
  }
}
