package io.drover.jobs.gd;

import io.drover.jobs.gd.model.Loss;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/** {@code svm}: a linear support vector machine (hinge loss, two classes) by gradient descent. */
public final class Svm extends GdTool {
  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new Svm(), args));
  }

  @Override
  protected String name() {
    return "svm";
  }

  @Override
  protected Loss loss() {
    return Loss.HINGE;
  }
}
