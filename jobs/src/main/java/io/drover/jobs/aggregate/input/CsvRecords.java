package io.drover.jobs.aggregate.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * CSV records, not lines, from a byte stream: a line break inside a quoted field belongs to the
 * field (RFC 4180), so one record may span lines. The record boundaries are those of commons-csv's
 * RFC 4180 format (a quote opens a quoted field only at the start of a field; inside it a doubled
 * quote is a quote; after the closing quote only whitespace may come before the delimiter or the
 * line end; a line ends at LF, CR or CRLF), decided by a byte automaton, so that a split of a file
 * can find them without decoding text (see {@code mr.CsvInputFormat} for how splits agree).
 *
 * <p>A record that commons-csv would refuse still has an extent, so that it can be kept unchanged
 * under {@code _bad/}: after a stray character behind a closing quote the record runs to the next
 * line break; an unclosed quote runs to the end of the input. A record longer than
 * {@code maxRecordBytes} is cut there: the cut piece is a record of its own (bad, see
 * {@link #wasCut()}) and the rest of that line is the next record, so memory stays bounded and
 * every byte still lands in exactly one record. The delimiter must be an ASCII character other
 * than a quote or a line break.
 */
public final class CsvRecords {
  static final int FIELD = 0; // at the start of a field (and of a record)
  static final int UNQUOTED = 1;
  static final int QUOTED = 2;
  static final int QUOTE_SEEN = 3; // a quote inside a quoted field: closing, or the first of ""
  static final int AFTER_CLOSE = 4; // behind a closing quote: whitespace until , or line end
  static final int BAD = 5; // a stray character after a closing quote: to the line end
  static final int SPACE_MB = 6; // inside a multi-byte UTF-8 character after a closing quote

  private static final byte QUOTE = '"';
  private static final byte LF = '\n';
  private static final byte CR = '\r';

  private final InputStream in;
  private final byte delim;
  private final int maxRecordBytes;
  /** The read buffer's first size; it doubles while one record does not fit. */
  static final int BUFFER_BYTES = 1 << 16;

  private byte[] buf;
  private int pos;
  private int limit;
  private long bufStart;
  private boolean eof;
  private int state;
  private int mbCode;
  private int mbLeft;

  private int recStart;
  private int recEnd;
  private long start;
  private boolean quoted;
  private boolean cut;
  private boolean bomPending;

  private CsvRecords(InputStream in, long position, char delimiter, int maxRecordBytes,
      int state, boolean bom, int bufferBytes) {
    if (!usableDelimiter(delimiter)) {
      throw new IllegalArgumentException("CSV delimiter must be an ASCII character other than "
          + "a quote or a line break, got '" + delimiter + "'");
    }
    this.in = in;
    this.buf = new byte[Math.max(1, bufferBytes)];
    this.bufStart = position;
    this.delim = (byte) delimiter;
    this.maxRecordBytes = Math.max(16, maxRecordBytes);
    this.state = state;
    this.bomPending = bom;
  }

  /** Whether {@code c} can separate CSV fields here (ASCII, not a quote or line break). */
  public static boolean usableDelimiter(char c) {
    return c < 0x80 && c != '"' && c != '\n' && c != '\r';
  }

  /** Records of a whole input: {@code in} is at its first byte (a UTF-8 BOM there is skipped). */
  public static CsvRecords fromStart(InputStream in, char delimiter, int maxRecordBytes) {
    return fromStart(in, delimiter, maxRecordBytes, BUFFER_BYTES);
  }

  /** {@link #fromStart(InputStream, char, int)} with a first buffer of {@code bufferBytes}. */
  public static CsvRecords fromStart(InputStream in, char delimiter, int maxRecordBytes,
      int bufferBytes) {
    return new CsvRecords(in, 0, delimiter, maxRecordBytes, FIELD, true, bufferBytes);
  }

  /**
   * Records from inside an input, {@code in} at byte {@code position}, assuming that no quoted
   * field is open there (true when no quote byte comes before it). The first record returned is
   * the rest of the record that holds that byte: callers skip it.
   */
  public static CsvRecords fromUnquoted(InputStream in, long position, char delimiter,
      int maxRecordBytes) {
    return fromUnquoted(in, position, delimiter, maxRecordBytes, BUFFER_BYTES);
  }

  /** {@link #fromUnquoted(InputStream, long, char, int)} with a first buffer of that size. */
  public static CsvRecords fromUnquoted(InputStream in, long position, char delimiter,
      int maxRecordBytes, int bufferBytes) {
    return new CsvRecords(in, position, delimiter, maxRecordBytes, UNQUOTED, false, bufferBytes);
  }

  /**
   * Advances to the next record; false at the end of the input. The record's bytes (without its
   * line break) are {@code buffer()[offset() .. offset() + length()]}.
   */
  public boolean next() throws IOException {
    boolean bom = false;
    if (bomPending) {
      bomPending = false;
      bom = skipBom();
    }
    recStart = pos;
    start = bom ? 0 : bufStart + pos;
    quoted = false;
    cut = false;
    int st = state;
    state = FIELD;
    while (true) {
      if (pos == limit && !fill()) {
        if (pos == recStart) {
          return false;
        }
        recEnd = pos;
        return true;
      }
      byte[] b = buf;
      int stop = (int) Math.min(limit, (long) recStart + maxRecordBytes);
      int i = pos;
      final byte d = delim;
      loop:
      while (i < stop) {
        byte c = b[i];
        switch (st) {
          case FIELD:
            if (c == QUOTE) {
              quoted = true;
              st = QUOTED;
            } else if (c == LF || c == CR) {
              break loop;
            } else if (c != d) {
              st = UNQUOTED;
            }
            break;
          case UNQUOTED:
            if (c == d) {
              st = FIELD;
            } else if (c == LF || c == CR) {
              break loop;
            } else if (c == QUOTE) {
              quoted = true; // a literal quote inside an unquoted field
            }
            break;
          case QUOTED:
            if (c == QUOTE) {
              st = QUOTE_SEEN;
            }
            break;
          case QUOTE_SEEN:
          case AFTER_CLOSE:
            if (c == QUOTE && st == QUOTE_SEEN) {
              st = QUOTED;
            } else if (c == d) {
              st = FIELD;
            } else if (c == LF || c == CR) {
              break loop;
            } else if (c >= 0 ? Character.isWhitespace((char) c) : false) {
              st = AFTER_CLOSE;
            } else if (c == (byte) 0xE1 || c == (byte) 0xE2 || c == (byte) 0xE3) {
              mbCode = c & 0x0F;
              mbLeft = 2;
              st = SPACE_MB;
            } else {
              st = BAD;
            }
            break;
          case SPACE_MB:
            if ((c & 0xC0) != 0x80) {
              st = BAD;
              continue; // this byte, read again as part of the bad rest (it may end the line)
            }
            mbCode = (mbCode << 6) | (c & 0x3F);
            if (--mbLeft == 0) {
              st = Character.isWhitespace((char) mbCode) ? AFTER_CLOSE : BAD;
            }
            break;
          default: // BAD
            if (c == LF || c == CR) {
              break loop;
            }
            break;
        }
        i++;
      }
      pos = i;
      if (i < limit && i < stop) { // a line break ends the record
        int length = i - recStart;
        pos = i + 1;
        if (b[i] == CR) {
          if (pos == limit) {
            fill(); // may move the record within the buffer, or to a bigger one
          }
          if (pos < limit && buf[pos] == LF) {
            pos++;
          }
        }
        recEnd = recStart + length;
        return true;
      }
      if (i - recStart >= maxRecordBytes) {
        recEnd = i;
        cut = true;
        state = st == FIELD ? FIELD : BAD;
        return true;
      }
    }
  }

  private boolean skipBom() throws IOException {
    while (limit - pos < 3 && fill()) {
      // need three bytes to see the mark
    }
    if (limit - pos >= 3 && buf[pos] == (byte) 0xEF && buf[pos + 1] == (byte) 0xBB
        && buf[pos + 2] == (byte) 0xBF) {
      pos += 3;
      return true;
    }
    return false;
  }

  /** More bytes after {@code limit}, keeping the current record; false at the end. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int keep = Math.min(recStart, pos);
    if (keep > 0 && limit == buf.length) {
      System.arraycopy(buf, keep, buf, 0, limit - keep);
      limit -= keep;
      pos -= keep;
      recStart -= keep;
      bufStart += keep;
    }
    if (limit == buf.length) {
      byte[] bigger = new byte[buf.length * 2];
      System.arraycopy(buf, 0, bigger, 0, limit);
      buf = bigger;
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  public byte[] buffer() {
    return buf;
  }

  public int offset() {
    return recStart;
  }

  public int length() {
    return recEnd - recStart;
  }

  /** Position of the record's first byte in the input (0 for the first record, BOM or not). */
  public long start() {
    return start;
  }

  /** The index in {@link #buffer()} of input position {@code position} (buffered). */
  public int indexOf(long position) {
    return (int) (position - bufStart);
  }

  /** The buffer holds input bytes up to this index. */
  public int filled() {
    return limit;
  }

  /** Position just after the record and its line break: where the next record starts. */
  public long end() {
    return bufStart + pos;
  }

  /** The record holds a quote byte (a quoted field, or a quote inside an unquoted one). */
  public boolean hasQuote() {
    return quoted;
  }

  /** The record reached {@code maxRecordBytes} and was cut there: a bad record. */
  public boolean wasCut() {
    return cut;
  }

  /**
   * Whether the record boundary at {@code boundary} is also where a reader would start that
   * assumes no quoted field is open at {@code boundary - 1}: the automaton run from that byte in
   * the unquoted state must end its first record exactly there. {@code b[from]} is the byte at
   * {@code boundary - 1}, {@code b[boundary]} the first of the next record, and {@code b} holds
   * input up to {@code limit}; {@code inputEnds}: the boundary is the end of the input.
   */
  public static boolean agreesWithUnquotedStart(byte[] b, int from, int limit, int boundary,
      boolean inputEnds, char delimiter) throws IOException {
    CsvRecords r = new CsvRecords(new java.io.ByteArrayInputStream(b, from, limit - from), 0,
        delimiter, Integer.MAX_VALUE, UNQUOTED, false, BUFFER_BYTES);
    if (!r.next() || r.end() != boundary - from) {
      return false;
    }
    boolean lineBreak = r.indexOf(r.end()) > r.offset() + r.length();
    return lineBreak || inputEnds;
  }
}
