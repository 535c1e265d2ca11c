package io.drover.common.cli;

/**
 * The user asked for something that cannot run: a bad flag or value, a missing input, an output
 * that already exists. The message names the flag, value or path. Tools exit with code 2.
 */
public class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
