package io.drover.jobs.sql.catalog;

/** A user error in table definitions or lookups; its message is one line, fit for the console. */
public class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }
}
