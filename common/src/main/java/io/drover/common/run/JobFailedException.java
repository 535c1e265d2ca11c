package io.drover.common.run;

/** A submitted job did not succeed. Tools exit with code 1. */
public class JobFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public JobFailedException(String message) {
    super(message);
  }

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
