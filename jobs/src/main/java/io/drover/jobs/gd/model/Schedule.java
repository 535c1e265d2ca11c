package io.drover.jobs.gd.model;

import java.util.Locale;

/** The step size of iteration t (1-based) from the base step. */
public enum Schedule {
  /** step */
  CONSTANT,
  /** step / sqrt(t), Spark's GradientDescent */
  INV_SQRT,
  /** step * decay^(t-1) */
  EXP;

  public double at(double step, double decay, int t) {
    switch (this) {
      case CONSTANT:
        return step;
      case INV_SQRT:
        return step / Math.sqrt(t);
      default:
        return step * Math.pow(decay, t - 1);
    }
  }

  /** The flag value: constant, inv-sqrt, exp. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Schedule parse(String s) {
    for (Schedule v : values()) {
      if (v.flag().equals(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + s + "' is not one of constant, inv-sqrt, exp");
  }
}
