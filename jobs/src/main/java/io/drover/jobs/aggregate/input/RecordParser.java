package io.drover.jobs.aggregate.input;

/**
 * Turns one input record (a line) into a row of the {@link Schema}'s types. A record that does not
 * parse throws; a value that does not convert to its column's type becomes NULL and is counted in
 * {@link #badValues()}, as Spark reads it.
 */
public interface RecordParser {
  Object[] parse(String line) throws BadRecordException;

  /** One record given as UTF-8 bytes (the mapper's path: formats may read them directly). */
  default Object[] parse(byte[] b, int off, int len) throws BadRecordException {
    return parse(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Values so far that did not convert to their column's type and were read as NULL. */
  long badValues();

  /** Per column counts of values read and not converted, or null when the format keeps none. */
  default ValueTally valueTally() {
    return null;
  }
}
