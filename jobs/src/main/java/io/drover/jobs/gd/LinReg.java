package io.drover.jobs.gd;

import io.drover.jobs.gd.model.Loss;

/** {@code linreg}: least-squares linear regression by gradient descent. */
public final class LinReg extends GdTool {
  public static void main(String[] args) throws Exception {
    launch(new LinReg(), args);
  }

  public LinReg() {
    super("linreg");
  }

  @Override
  protected Loss loss() {
    return Loss.SQUARED;
  }
}
