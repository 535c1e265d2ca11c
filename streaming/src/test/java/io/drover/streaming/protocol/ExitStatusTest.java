package io.drover.streaming.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitStatusTest {
  @Test
  void decodesShellConventions() {
    assertEquals("exit status 3", ExitStatus.describe(3));
    assertEquals("exit status 127 (command not found: check the command name, its shebang"
        + " interpreter and PATH)", ExitStatus.describe(127));
    assertEquals(true, ExitStatus.describe(126).contains("not executable"));
    assertEquals(true, ExitStatus.describe(137).contains("signal 9, SIGKILL"));
    assertEquals(true, ExitStatus.describe(143).contains("signal 15, SIGTERM"));
    assertEquals(true, ExitStatus.describe(139).contains("SIGSEGV"));
    assertEquals(true, ExitStatus.describe(141).contains("SIGPIPE"));
  }

  @Test
  void envNames() {
    assertEquals("mapreduce_map_input_file", EnvNames.safe("mapreduce.map.input.file"));
    assertEquals("a_b_c_d__", EnvNames.safe("a-b.c d\u00e9_"));
  }
}
