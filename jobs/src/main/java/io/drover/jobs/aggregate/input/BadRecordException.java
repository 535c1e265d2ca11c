package io.drover.jobs.aggregate.input;

/** An input record that does not parse; the reason names what is wrong. */
public class BadRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a record is bad; one counter each. */
  public enum Reason {
    WRONG_FIELD_COUNT,
    BROKEN_QUOTES,
    INVALID_JSON,
    NOT_A_JSON_OBJECT,
    LOG_LINE_MISMATCH,
    RECORD_TOO_LONG,
    /** gd: a label or feature value that is not a finite number. */
    NOT_A_NUMBER,
    /** gd: a LIBSVM token that is not {@code index:value} with a valid, ascending index. */
    INVALID_LIBSVM,
    /** gd: a header without a column the options or the model name. */
    MISSING_COLUMN
  }

  private final Reason reason;

  public BadRecordException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
