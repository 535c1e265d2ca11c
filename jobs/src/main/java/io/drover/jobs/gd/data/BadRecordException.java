package io.drover.jobs.gd.data;

/** A line that cannot be a training record; the message says what is wrong with it. */
public class BadRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadRecordException(String message) {
    super(message);
  }
}
