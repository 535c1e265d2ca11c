package io.drover.streaming.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drover.common.testing.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The file-based decision agrees with the kernel: each case is also started for real, and the
 * JDK's message (the oracle, never read by the product) carries the errno the kernel gave.
 */
class StartFailureTest {
  static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    dir = TestDirs.fresh("start-failure");
  }

  private static Path write(String name, String text, String perms) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    return p;
  }

  /** Starts {@code program} and returns the errno the JDK reports, as "error=N,". */
  private static String kernelSays(String program) {
    IOException e = assertThrows(IOException.class,
        () -> new ProcessBuilder(List.of(program)).start().waitFor());
    String msg = e.getMessage();
    int at = msg.indexOf("error=");
    return msg.substring(at, msg.indexOf(',', at) + 1);
  }

  private static void check(StartFailure expected, String errno, String program) {
    assertEquals(expected, StartFailure.of(program), program);
    assertEquals(errno, kernelSays(program), program);
  }

  @Test
  void missingProgramsAndInterpretersAreNotFound() throws Exception {
    check(StartFailure.NOT_FOUND, "error=2,", dir.resolve("no-such-program").toString());
    check(StartFailure.NOT_FOUND, "error=2,", "no-such-program-on-path-xyz");
    check(StartFailure.NOT_FOUND, "error=2,",
        write("bad-interp.sh", "#!/no/such/interpreter -x\ncat\n", "rwxr-xr-x").toString());
    check(StartFailure.NOT_FOUND, "error=2,",
        write("crlf.sh", "#!/bin/sh\r\ncat\r\n", "rwxr-xr-x").toString());
  }

  @Test
  void unexecutableProgramsAndInterpretersAreNotExecutable() throws Exception {
    check(StartFailure.NOT_EXECUTABLE, "error=13,",
        write("plain.sh", "#!/bin/sh\ncat\n", "rw-r--r--").toString());
    Path sub = Files.createDirectories(dir.resolve("a-dir"));
    check(StartFailure.NOT_EXECUTABLE, "error=13,", sub.toString());
    Path interp = write("interp-not-exec", "#!/bin/sh\n", "rw-r--r--");
    check(StartFailure.NOT_EXECUTABLE, "error=13,",
        write("uses-it.sh", "#!" + interp + "\ncat\n", "rwxr-xr-x").toString());
  }

  @Test
  void describesAsAShellWould() {
    assertEquals(ExitStatus.describe(127), StartFailure.NOT_FOUND.describe());
    assertEquals(ExitStatus.describe(126), StartFailure.NOT_EXECUTABLE.describe());
    assertEquals("could not be started", StartFailure.OTHER.describe());
    assertEquals(StartFailure.OTHER, StartFailure.of("/bin/sh"), "nothing wrong with the files");
  }

  @Test
  void programHeadReadsTheShebangAsTheKernelDoes() throws Exception {
    ProgramHead script = ProgramHead.read(write("h.py", "#! \t/usr/bin/env python3 -u\r\nx\n",
        "rw-r--r--").toFile());
    assertEquals(ProgramHead.Kind.SCRIPT, script.kind());
    assertEquals(" \t/usr/bin/env python3 -u\r", script.shebang());
    assertEquals("/usr/bin/env", script.interpreter());
    assertEquals("/bin/sh\r",
        ProgramHead.read(write("crlf2.sh", "#!/bin/sh\r\n", "rw-r--r--").toFile())
            .interpreter(), "CR kept");
    ProgramHead plain = ProgramHead.read(write("p.sh", "echo hi\n", "rw-r--r--").toFile());
    assertEquals(ProgramHead.Kind.PLAIN, plain.kind());
    assertNull(plain.interpreter());
    assertEquals(ProgramHead.Kind.ELF, ProgramHead.read(Path.of("/bin/sh").toRealPath().toFile())
        .kind());
    assertEquals(ProgramHead.Kind.PLAIN,
        ProgramHead.read(write("empty", "", "rw-r--r--").toFile()).kind());
  }
}
