package io.drover.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingOptionsTest {
  private static StreamingOptions parse(String... a) throws UsageException {
    return StreamingOptions.parse(a);
  }

  private static String error(String... a) {
    return assertThrows(UsageException.class, () -> parse(a)).getMessage();
  }

  @Test
  void inputTakesSeveralValuesAndRepeats() throws Exception {
    StreamingOptions o = parse("-input", "a", "b", "-output", "o", "-input", "c*",
        "-mapper", "cat", "-file", "x.py", "y.py", "-cmdenv", "A=b c", "-numReduceTasks", "3");
    assertEquals(List.of("a", "b", "c*"), o.inputs());
    assertEquals(List.of("x.py", "y.py"), o.files());
    assertEquals(List.of("A=b c"), o.cmdenv());
    assertEquals(3, o.numReduceTasks());
    assertEquals("cat", o.mapper());
  }

  @Test
  void reducerNoneIsMapOnly() throws Exception {
    assertTrue(parse("-input", "a", "-output", "o", "-reducer", "NONE").mapOnly());
    assertTrue(parse("-input", "a", "-output", "o", "-numReduceTasks", "0").mapOnly());
  }

  @Test
  void errorsNameTheFlagAndValue() {
    assertEquals("required option -input <path> is missing", error("-output", "o"));
    assertEquals("required option -output <path> is missing", error("-input", "i"));
    assertEquals("option -numReduceTasks: 'x' is not a whole number",
        error("-input", "i", "-output", "o", "-numReduceTasks", "x"));
    assertEquals("option -numReduceTasks: -1 is negative",
        error("-input", "i", "-output", "o", "-numReduceTasks", "-1"));
    assertEquals("option -cmdenv: 'FOO' is not NAME=VALUE",
        error("-input", "i", "-output", "o", "-cmdenv", "FOO"));
    assertEquals("option -mapper needs a value", error("-input", "i", "-output", "o", "-mapper"));
    assertEquals("unknown option -bogus", error("-input", "i", "-output", "o", "-bogus"));
    assertEquals("unexpected argument 'stray' (options start with -)",
        error("-input", "i", "-output", "o", "-mapper", "cat", "stray", "-verbose"));
    assertTrue(error("-input", "i", "-output", "o", "-D", "a=b").contains("must come before"));
    assertTrue(error("-input", "i", "-output", "o", "-background").contains("not supported"));
    assertEquals("option -dryrun: '0' is not a positive number of records",
        error("-input", "i", "-dryrun", "0"));
  }

  @Test
  void helpNeedsNothingElse() throws Exception {
    for (String flag : List.of("-help", "-info", "-h", "--help")) {
      PrintStream saved = System.out;
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int exit;
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      try {
        exit = new StreamingTool().run(new String[] {flag});
      } finally {
        System.setOut(saved);
      }
      assertEquals(0, exit, flag);
      assertEquals("Usage: streaming " + StreamingOptions.USAGE + "\n",
          buf.toString(StandardCharsets.UTF_8), flag);
    }
  }
}
