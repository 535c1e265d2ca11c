package io.drover.jobs.gd.model;

/**
 * One local epoch of plain SGD, the per-task half of parallel SGD with model averaging: from the
 * model {@code w} (standardized scale when training standardized; last entry the intercept), per
 * record {@code w -= eta (r z + l2 w)} with r the loss derivative at the record's margin, then the
 * L1 soft threshold; the loss is summed before each record's update (progressive loss). Rows are
 * made dense on the training scale, so a step costs O(dimension).
 */
public final class LocalSgd {
  private final Loss loss;
  private final double[] w;
  private final double[] mean;
  private final double[] std;
  private final double eta;
  private final Update update;
  private final double[] z;
  private long count;
  private double lossSum;

  public LocalSgd(Loss loss, double[] w, Standardization s, double eta, Update update) {
    this.loss = loss;
    this.w = w.clone();
    this.mean = s.mean();
    this.std = s.std();
    this.eta = eta;
    this.update = update;
    this.z = new double[w.length];
  }

  public void add(double y, int nnz, int[] idx, double[] val) {
    int d = w.length - 1;
    for (int j = 0; j < d; j++) {
      z[j] = -mean[j] / std[j];
    }
    for (int k = 0; k < nnz; k++) {
      int j = idx[k];
      if (j < d) {
        z[j] = (val[k] - mean[j]) / std[j];
      }
    }
    z[d] = 1;
    double m = 0;
    for (int j = 0; j <= d; j++) {
      m += w[j] * z[j];
    }
    lossSum += loss.loss(m, y);
    double r = loss.derivative(m, y);
    for (int j = 0; j < d; j++) {
      double v = w[j] - eta * (r * z[j] + update.l2() * w[j]);
      if (update.l1() > 0) {
        double t = eta * update.l1();
        v = v > t ? v - t : v < -t ? v + t : 0;
      }
      w[j] = v;
    }
    w[d] = update.intercept() ? w[d] - eta * r : 0;
    count++;
  }

  public long count() {
    return count;
  }

  public double lossSum() {
    return lossSum;
  }

  public double[] weights() {
    return w.clone();
  }
}
