package io.drover.jobs.gd;

import io.drover.jobs.gd.model.Loss;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/** {@code linreg}: least-squares linear regression by gradient descent. */
public final class LinReg extends GdTool {
  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new LinReg(), args));
  }

  @Override
  protected String name() {
    return "linreg";
  }

  @Override
  protected Loss loss() {
    return Loss.SQUARED;
  }
}
