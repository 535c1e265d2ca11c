package io.drover.common.run;

import java.io.EOFException;
import java.io.IOException;

/**
 * An input a task cannot read, with a message for the user: it names the file and says what is
 * wrong with it. The client's failure message ({@link Jobs}) shows this message as it is, in place
 * of the innermost cause's (which names no file).
 */
public final class BadInputException extends IOException {
  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * {@code e}, met reading {@code file}, as a message that names the file; an end of input inside
   * a compressed file, or an EOF anywhere, says the file is truncated or corrupt.
   */
  public static BadInputException reading(String file, IOException e) {
    if (e instanceof BadInputException b) {
      return b;
    }
    String what = e.getMessage() == null || e.getMessage().isEmpty()
        ? e.getClass().getSimpleName() : e.getMessage();
    String text = isCompressed(file) || e instanceof EOFException
        ? "the file is truncated or corrupt (" + what + "); replace it or leave it out"
        : what;
    return new BadInputException("cannot read " + shown(file) + ": " + text, e);
  }

  private static boolean isCompressed(String file) {
    String f = file.toLowerCase(java.util.Locale.ROOT);
    return f.endsWith(".gz") || f.endsWith(".bz2") || f.endsWith(".deflate") || f.endsWith(".zst")
        || f.endsWith(".lz4") || f.endsWith(".snappy");
  }

  /** A local file as its path, others as their URI. */
  static String shown(String file) {
    if (file.startsWith("file:")) {
      try {
        return new java.net.URI(file).getPath();
      } catch (java.net.URISyntaxException e) {
        return file;
      }
    }
    return file;
  }

}
