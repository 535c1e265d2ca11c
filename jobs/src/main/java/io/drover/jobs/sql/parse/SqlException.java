package io.drover.jobs.sql.parse;

/** A user error in a query; its message is one line, fit for the console. */
public class SqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SqlException(String message) {
    super(message);
  }
}
