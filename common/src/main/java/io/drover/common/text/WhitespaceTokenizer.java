package io.drover.common.text;

/**
 * Exactly the tokens of {@code new java.util.StringTokenizer(line)}: maximal runs of characters
 * other than space, tab, LF, CR and FF. Hadoop's own WordCount counts these tokens.
 *
 * <p>All five delimiters are ASCII, and in UTF-8 no byte of a multi-byte character is below 0x80,
 * so splitting the bytes gives the same tokens as splitting the decoded characters.
 */
public final class WhitespaceTokenizer implements Tokenizer {
  private static final boolean[] DELIMITER = new boolean[256];

  static {
    for (char c : " \t\n\r\f".toCharArray()) {
      DELIMITER[c] = true;
    }
  }

  private final boolean lowercase;
  private byte[] scratch = new byte[64];

  public WhitespaceTokenizer(boolean lowercase) {
    this.lowercase = lowercase;
  }

  @Override
  public void forEachToken(byte[] buf, int off, int len, TokenSink sink) {
    final boolean[] delim = DELIMITER;
    final int end = off + len;
    int i = off;
    while (i < end) {
      while (i < end && delim[buf[i] & 0xff]) {
        i++;
      }
      if (i == end) {
        return;
      }
      int start = i;
      while (i < end && !delim[buf[i] & 0xff]) {
        i++;
      }
      if (lowercase) {
        emitLower(buf, start, i - start, sink);
      } else {
        sink.token(buf, start, i - start);
      }
    }
  }

  private void emitLower(byte[] buf, int off, int len, TokenSink sink) {
    if (scratch.length < len * 3) {
      scratch = new byte[Math.max(len * 3, scratch.length * 2)];
    }
    int n = Utf8.toLowerCase(buf, off, len, scratch);
    sink.token(scratch, 0, n);
  }
}
