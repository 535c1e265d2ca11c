package io.drover.jobs.gd;

import io.drover.jobs.gd.model.Loss;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/** {@code logreg}: logistic regression (two classes, any two label values) by gradient descent. */
public final class LogReg extends GdTool {
  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new LogReg(), args));
  }

  @Override
  protected String name() {
    return "logreg";
  }

  @Override
  protected Loss loss() {
    return Loss.LOGISTIC;
  }
}
