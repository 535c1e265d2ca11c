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
    RECORD_TOO_LONG
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
