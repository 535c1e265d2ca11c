package io.drover.jobs.gd.model;

/**
 * A per-record loss of the margin {@code m = w.x + b} against the label {@code y}, and its
 * derivative in {@code m} (the gradient in w is that times x).
 */
public enum Loss {
  /** log(1 + exp(-y m)) with y = -1 or +1, computed without overflow. */
  LOGISTIC {
    @Override
    public double loss(double m, double y) {
      double z = -y * m;
      return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    @Override
    public double derivative(double m, double y) {
      return -y / (1 + Math.exp(y * m));
    }
  },
  /**
   * max(0, 1 - y m) with y = -1 or +1 (linear SVM), as Spark's HingeGradient; the subgradient at
   * the kink (y m = 1) is 0.
   */
  HINGE {
    @Override
    public double loss(double m, double y) {
      return Math.max(0, 1 - y * m);
    }

    @Override
    public double derivative(double m, double y) {
      return y * m < 1 ? -y : 0;
    }
  },
  /** (m - y)^2 / 2, as Spark's LeastSquaresGradient. */
  SQUARED {
    @Override
    public double loss(double m, double y) {
      double d = m - y;
      return d * d / 2;
    }

    @Override
    public double derivative(double m, double y) {
      return m - y;
    }
  };

  public abstract double loss(double m, double y);

  /** Two classes (labels mapped to -1/+1), not a real-valued target. */
  public boolean classifies() {
    return this != SQUARED;
  }

  public abstract double derivative(double m, double y);
}
