package io.drover.streaming.protocol;

/** Explains a child process's exit status as a shell user would read it. */
public final class ExitStatus {
  private static final String[] SIGNALS = {
    null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"
  };

  private ExitStatus() {}

  /**
   * For example {@code "exit status 127 (command not found)"} or {@code "exit status 137 (killed
   * by signal 9, SIGKILL: out of memory or killed by the framework?)"}.
   */
  public static String describe(int status) {
    String why = reason(status);
    return "exit status " + status + (why.isEmpty() ? "" : " (" + why + ")");
  }

  static String reason(int status) {
    switch (status) {
      case 0:
        return "success";
      case 1:
        return "general error reported by the command";
      case 2:
        return "misuse or bad arguments, by shell convention";
      case 126:
        return "command found but not executable: check its execute permission and interpreter";
      case 127:
        return "command not found: check the command name, its shebang interpreter and PATH";
      default:
        break;
    }
    if (status > 128 && status < 128 + SIGNALS.length) {
      int sig = status - 128;
      String name = SIGNALS[sig];
      String hint = "";
      if (sig == 9) {
        hint = ": out of memory, or killed by the framework or a user";
      } else if (sig == 15) {
        hint = ": terminated, usually by the framework or a user";
      } else if (sig == 13) {
        hint = ": wrote to a closed pipe";
      } else if (sig == 11) {
        hint = ": segmentation fault";
      } else if (sig == 6) {
        hint = ": aborted";
      }
      return "killed by signal " + sig + ", " + name + hint;
    }
    return "";
  }
}
