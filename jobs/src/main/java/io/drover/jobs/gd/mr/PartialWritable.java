package io.drover.jobs.gd.mr;

import io.drover.jobs.gd.model.PartialSum;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;

/** One task's (or a sum of tasks') gradient partial: record count, loss sum, raw gradient sums. */
public final class PartialWritable implements Writable {
  private long count;
  private double lossSum;
  private double[] grad = new double[0];

  public PartialWritable() {}

  public PartialWritable(long count, double lossSum, double[] grad) {
    this.count = count;
    this.lossSum = lossSum;
    this.grad = grad.clone();
  }

  /** A task's in-memory sum as its partial. */
  public PartialWritable(PartialSum sum) {
    this(sum.count(), sum.lossSum(), sum.gradient());
  }

  public long count() {
    return count;
  }

  public double lossSum() {
    return lossSum;
  }

  public double[] grad() {
    return grad.clone();
  }

  /** Adds {@code o} into this one (an empty partial takes {@code o}'s dimension). */
  public void add(PartialWritable o) {
    if (grad.length == 0 && count == 0) {
      grad = new double[o.grad.length];
    }
    if (o.grad.length != grad.length) {
      throw new IllegalArgumentException(
          "partials of dimension " + grad.length + " and " + o.grad.length);
    }
    count += o.count;
    lossSum += o.lossSum;
    for (int j = 0; j < grad.length; j++) {
      grad[j] += o.grad[j];
    }
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeDouble(lossSum);
    out.writeInt(grad.length);
    for (double v : grad) {
      out.writeDouble(v);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    count = in.readLong();
    lossSum = in.readDouble();
    int n = in.readInt();
    if (grad.length != n) {
      grad = new double[n];
    }
    for (int j = 0; j < n; j++) {
      grad[j] = in.readDouble();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartialWritable p
        && p.count == count
        && Double.doubleToLongBits(p.lossSum) == Double.doubleToLongBits(lossSum)
        && java.util.Arrays.equals(p.grad, grad);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + java.util.Arrays.hashCode(grad);
  }

  @Override
  public String toString() {
    return "Partial(" + count + ", " + lossSum + ", " + java.util.Arrays.toString(grad) + ")";
  }
}
