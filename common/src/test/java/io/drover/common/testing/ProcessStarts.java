package io.drover.common.testing;

import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The processes this thread starts while a piece of code runs, seen by the JDK's own flight
 * recorder event {@code jdk.ProcessStart} (every {@code ProcessBuilder.start}, hence every fork
 * of Hadoop's {@code Shell}: {@code ls -ld}, {@code chmod}, ...).
 */
public final class ProcessStarts {
  /** Code that may throw. */
  public interface Body {
    void run() throws Exception;
  }

  private ProcessStarts() {}

  /** The command lines of the processes the calling thread started while {@code body} ran. */
  public static List<String> during(Body body) throws Exception {
    long thread = Thread.currentThread().getId();
    Path file = TestDirs.fresh("jfr").resolve("starts.jfr");
    try (Recording r = new Recording()) {
      r.enable("jdk.ProcessStart");
      r.start();
      body.run();
      r.stop();
      r.dump(file);
    }
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("jdk.ProcessStart"))
        .filter(e -> e.getThread() != null && e.getThread().getJavaThreadId() == thread)
        .map(ProcessStarts::command)
        .toList();
  }

  private static String command(RecordedEvent e) {
    return e.getString("command");
  }
}
