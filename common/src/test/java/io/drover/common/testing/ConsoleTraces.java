package io.drover.common.testing;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What reaches the console as a stack trace: the log events with a throwable that the root
 * logger's appenders get while a body runs (Drover's console appender hangs there).
 */
public final class ConsoleTraces extends org.apache.log4j.AppenderSkeleton {
  private final List<String> traces = new CopyOnWriteArrayList<>();

  private ConsoleTraces() {}

  /** The body's value and the traces logged while it ran ("logger: throwable"). */
  public record Result<T>(T value, List<String> traces) {}

  public static <T> Result<T> during(Callable<T> body) throws Exception {
    ConsoleTraces seen = new ConsoleTraces();
    org.apache.log4j.Logger root = org.apache.log4j.Logger.getRootLogger();
    root.addAppender(seen);
    try {
      T value = body.call();
      return new Result<>(value, List.copyOf(seen.traces));
    } finally {
      root.removeAppender(seen);
    }
  }

  @Override
  protected void append(org.apache.log4j.spi.LoggingEvent e) {
    if (e.getThrowableInformation() != null && e.getThrowableInformation().getThrowable() != null) {
      traces.add(e.getLoggerName() + ": " + e.getThrowableInformation().getThrowable());
    }
  }

  @Override
  public void close() {}

  @Override
  public boolean requiresLayout() {
    return false;
  }
}
