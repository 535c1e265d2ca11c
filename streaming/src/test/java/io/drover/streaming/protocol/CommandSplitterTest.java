package io.drover.streaming.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSplitterTest {
  /** The oracle: Hadoop Streaming 3.4.2's own splitter (package-private, called reflectively). */
  private static List<String> hadoop(String cmd) throws Exception {
    Class<?> c = Class.forName("org.apache.hadoop.streaming.PipeMapRed");
    Method m = c.getDeclaredMethod("splitArgs", String.class);
    m.setAccessible(true);
    return Arrays.asList((String[]) m.invoke(null, cmd));
  }

  @Test
  void splitsLikeHadoopStreaming() throws Exception {
    String[] cases = {
      "cat", "python3 mapper.py", "  a   b  ", "a 'b c' d", "a \"b c\" d", "x'y z'w",
      "a \"it's\" b", "a 'say \"hi\"' b", "''", "a '' b", "tab\there x", "awk '{print $1}'",
      "sh -c 'echo a; echo b'", "'unterminated quote", "a\"b\"c", "", " ", "é ü 'ß ẞ'"
    };
    for (String c : cases) {
      assertEquals(hadoop(c), CommandSplitter.split(c), "command [" + c + "]");
    }
  }

  @Test
  void dropsQuotesAndKeepsSpacesInside() {
    assertEquals(List.of("sh", "-c", "echo a; echo b"), CommandSplitter.split("sh -c 'echo a; echo b'"));
  }
}
