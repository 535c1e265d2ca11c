package io.drover.jobs.gd;

import io.drover.jobs.gd.model.Loss;

/** {@code logreg}: logistic regression (two classes, any two label values) by gradient descent. */
public final class LogReg extends GdTool {
  public static void main(String[] args) throws Exception {
    launch(new LogReg(), args);
  }

  public LogReg() {
    super("logreg");
  }

  @Override
  protected Loss loss() {
    return Loss.LOGISTIC;
  }
}
