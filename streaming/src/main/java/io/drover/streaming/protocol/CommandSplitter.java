package io.drover.streaming.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a streaming command into program and arguments the way Hadoop Streaming does, without a
 * shell: tokens end at unquoted spaces; single and double quotes group words and also end the
 * token before them; the quote characters are dropped; a quote of the other kind inside quotes is
 * kept as a character. There is no escaping, no globbing and no variable expansion; tabs do not
 * separate. {@code "a 'b c' d"} gives {@code [a, b c, d]}.
 */
public final class CommandSplitter {
  private CommandSplitter() {}

  public static List<String> split(String command) {
    List<String> out = new ArrayList<>();
    char quote = 0;
    int start = 0;
    int n = command.length();
    for (int i = 0; i <= n; i++) {
      boolean boundary;
      if (i == n) {
        boundary = true;
      } else {
        char c = command.charAt(i);
        if (c == '\'' || c == '"') {
          if (quote == 0) {
            quote = c;
            boundary = true;
          } else if (quote == c) {
            quote = 0;
            boundary = true;
          } else {
            boundary = false;
          }
        } else {
          boundary = c == ' ' && quote == 0;
        }
      }
      if (boundary) {
        if (i > start) {
          out.add(command.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }
}
