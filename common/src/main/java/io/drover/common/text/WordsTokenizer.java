package io.drover.common.text;

/**
 * Unicode-aware words: maximal runs of letters and digits (with the combining marks that follow
 * them), joined across an apostrophe only when a letter or digit stands on both sides
 * ({@code don't}, {@code o'clock}), case-folded; everything else separates words and is dropped.
 *
 * <p>Case folding is Unicode simple case folding per code point,
 * {@code toLowerCase(toUpperCase(cp))}, so {@code STRASSE} and {@code straße} stay distinct but
 * {@code Σ}, {@code σ} and {@code ς} fold together. The typographic apostrophe U+2019 is written
 * as {@code '}, so {@code don’t} and {@code don't} are one word.
 */
public final class WordsTokenizer implements Tokenizer {
  private byte[] scratch = new byte[64];

  @Override
  public void forEachToken(byte[] buf, int off, int len, TokenSink sink) {
    final int end = off + len;
    int i = off;
    int n = 0; // bytes of the current word in scratch; 0 = not in a word
    while (i < end) {
      int b = buf[i];
      int cp;
      int width;
      if (b >= 0) {
        cp = b;
        width = 1;
      } else {
        cp = Utf8.decode(buf, i, end);
        width = Utf8.width(cp);
      }
      if (isWordStart(cp) || (n > 0 && isMark(cp))) {
        n = append(Utf8.fold(cp), n);
        i += width;
      } else if (n > 0 && isApostrophe(cp) && i + width < end && isWordStart(peek(buf, i + width, end))) {
        n = append('\'', n);
        i += width;
      } else {
        if (n > 0) {
          sink.token(scratch, 0, n);
          n = 0;
        }
        i += width;
      }
    }
    if (n > 0) {
      sink.token(scratch, 0, n);
    }
  }

  private static int peek(byte[] buf, int i, int end) {
    int b = buf[i];
    return b >= 0 ? b : Utf8.decode(buf, i, end);
  }

  private int append(int cp, int n) {
    if (n + 4 > scratch.length) {
      scratch = java.util.Arrays.copyOf(scratch, scratch.length * 2);
    }
    return n + Utf8.encode(cp, scratch, n);
  }

  private static boolean isWordStart(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    return Character.isLetterOrDigit(cp);
  }

  private static boolean isMark(int cp) {
    if (cp < 0x300) {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static boolean isApostrophe(int cp) {
    return cp == '\'' || cp == 0x2019;
  }
}
