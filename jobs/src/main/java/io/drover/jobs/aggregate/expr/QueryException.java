package io.drover.jobs.aggregate.expr;

/**
 * The query cannot run: bad or unsupported SQL, an unknown column or function, a type error. The
 * message says what and where, as SQL engines do. The tool exits with code 2.
 */
public class QueryException extends Exception {
  private static final long serialVersionUID = 1L;

  public QueryException(String message) {
    super(message);
  }
}
