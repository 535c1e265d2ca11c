package io.drover.streaming.protocol;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of a program file, as the kernel reads them to run it: an ELF binary, a script
 * whose {@code #!} line names its interpreter, or neither (then {@code /bin/sh} runs it).
 *
 * @param kind which of the three
 * @param shebang for a {@link Kind#SCRIPT}, the text after {@code #!} up to the line feed, a
 *     carriage return included; otherwise null
 */
public record ProgramHead(Kind kind, String shebang) {
  /** What the kernel makes of a program file. */
  public enum Kind {
    ELF,
    SCRIPT,
    PLAIN
  }

  private static final int HEAD_BYTES = 512;

  /** Reads the head of {@code f}. */
  public static ProgramHead read(File f) throws IOException {
    byte[] head = new byte[HEAD_BYTES];
    int n;
    try (InputStream in = new FileInputStream(f)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
      return new ProgramHead(Kind.ELF, null);
    }
    if (n < 2 || head[0] != '#' || head[1] != '!') {
      return new ProgramHead(Kind.PLAIN, null);
    }
    int end = 2;
    while (end < n && head[end] != '\n') {
      end++;
    }
    return new ProgramHead(Kind.SCRIPT, new String(head, 2, end - 2, StandardCharsets.UTF_8));
  }

  /**
   * The interpreter the kernel runs for a script, as it parses the {@code #!} line: after leading
   * spaces and tabs, up to the next space or tab (so a carriage return stays part of the name);
   * null for a binary or a plain file.
   */
  public String interpreter() {
    if (shebang == null) {
      return null;
    }
    int start = 0;
    while (start < shebang.length() && isBlank(shebang.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < shebang.length() && !isBlank(shebang.charAt(end))) {
      end++;
    }
    return shebang.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
