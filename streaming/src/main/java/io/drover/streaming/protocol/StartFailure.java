package io.drover.streaming.protocol;

import java.io.File;
import java.io.IOException;

/**
 * Why a command's program could not be started, decided from the files themselves (not from the
 * JDK's message): as a shell reports it, with exit status 127 (not found) or 126 (found but not
 * executable), or neither.
 */
public enum StartFailure {
  /** The program, or the interpreter its {@code #!} line names, does not exist (ENOENT). */
  NOT_FOUND(127),
  /** The program, or its interpreter, is a directory or lacks the execute permission (EACCES). */
  NOT_EXECUTABLE(126),
  /** Something else (too many arguments, out of memory, ...): the JDK's message says what. */
  OTHER(-1);

  private final int shellStatus;

  StartFailure(int shellStatus) {
    this.shellStatus = shellStatus;
  }

  /**
   * Classifies a failed start of {@code program}, the first word of the command as it was started
   * ({@link CommandResolver#resolve} makes a program it found absolute; a bare name it could not
   * find was not found on PATH either).
   */
  public static StartFailure of(String program) {
    if (program.indexOf('/') < 0) {
      return NOT_FOUND;
    }
    StartFailure file = ofFile(new File(program));
    if (file != OTHER) {
      return file;
    }
    // the program is there and executable: then the kernel failed on its interpreter
    try {
      String interpreter = ProgramHead.read(new File(program)).interpreter();
      return interpreter == null || interpreter.isEmpty() ? OTHER : ofFile(new File(interpreter));
    } catch (IOException e) {
      return OTHER;
    }
  }

  private static StartFailure ofFile(File f) {
    if (!f.exists()) {
      return NOT_FOUND;
    }
    if (f.isDirectory() || !f.canExecute()) {
      return NOT_EXECUTABLE;
    }
    return OTHER;
  }

  /** As a failure report says it, e.g. {@code exit status 127 (command not found: ...)}. */
  public String describe() {
    return this == OTHER ? "could not be started" : ExitStatus.describe(shellStatus);
  }
}
