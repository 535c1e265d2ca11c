package io.drover.jobs.gd;

import io.drover.jobs.gd.model.Loss;

/** {@code svm}: a linear support vector machine (hinge loss, two classes) by gradient descent. */
public final class Svm extends GdTool {
  public static void main(String[] args) throws Exception {
    launch(new Svm(), args);
  }

  public Svm() {
    super("svm");
  }

  @Override
  protected Loss loss() {
    return Loss.HINGE;
  }
}
