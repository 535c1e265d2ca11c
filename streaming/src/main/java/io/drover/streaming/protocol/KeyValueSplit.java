package io.drover.streaming.protocol;

/**
 * Where a line of a command's output splits into key and value: at the Nth occurrence of the
 * separator (a byte sequence, tab by default). A line with fewer separators is all key, with an
 * empty value. Bytes are compared as bytes, so multi-byte UTF-8 separators work.
 */
public final class KeyValueSplit {
  private KeyValueSplit() {}

  /**
   * Returns the offset of the separator that ends the key, or -1 when the line has fewer than
   * {@code keyFields} separators (then the whole line is the key).
   *
   * @param keyFields how many separator-delimited fields form the key; values below 1 act as 1
   */
  public static int keyEnd(byte[] line, int length, byte[] separator, int keyFields) {
    int pos = indexOf(line, 0, length, separator);
    for (int k = 1; k < keyFields && pos != -1; k++) {
      pos = indexOf(line, pos + separator.length, length, separator);
    }
    return pos;
  }

  /** First occurrence of {@code sep} in {@code b[from, end)}, or -1. */
  public static int indexOf(byte[] b, int from, int end, byte[] sep) {
    if (sep.length == 0) {
      return -1;
    }
    byte first = sep[0];
    outer:
    for (int i = from; i <= end - sep.length; i++) {
      if (b[i] != first) {
        continue;
      }
      for (int j = 1; j < sep.length; j++) {
        if (b[i + j] != sep[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
