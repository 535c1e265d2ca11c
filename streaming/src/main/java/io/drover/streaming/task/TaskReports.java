package io.drover.streaming.task;

import io.drover.streaming.conf.StreamingKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reports tasks leave for the client in the job's report dir ({@link
 * StreamingKeys#REPORT_DIR}), one file per task attempt and step, {@code <attempt>-<role>.<ext>}:
 * both sides of that exchange, so its layout has one home.
 */
public final class TaskReports {
  /** What a report tells: why a command failed, or reporter lines that were ignored. */
  public enum Kind {
    FAILED("failed"),
    WARNINGS("warn");

    private final String ext;

    Kind(String ext) {
      this.ext = ext;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(TaskReports.class);

  private TaskReports() {}

  /** Leaves {@code text} for the client; without a report dir (a task run alone) does nothing. */
  static void leave(Configuration job, String role, Kind kind, String text) {
    String dir = job.get(StreamingKeys.REPORT_DIR);
    if (dir == null) {
      return;
    }
    String attempt = job.get("mapreduce.task.attempt.id", "attempt_unknown");
    Path p = new Path(dir, attempt + "-" + role + "." + kind.ext);
    try {
      FileSystem fs = p.getFileSystem(job);
      try (OutputStream out = fs.create(p, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not leave the {} report at {}: {}", role, p, e.toString());
    }
  }

  /** Leaves the malformed reporter lines a command wrote, if any. */
  static void leaveWarnings(Configuration job, String role, TaskSupport.ReporterFeedback fb) {
    List<String> w = fb.warnings();
    if (!w.isEmpty()) {
      leave(job, role, Kind.WARNINGS, String.join("\n", w) + "\n");
    }
  }

  /**
   * The client side: every report of {@code kind} in {@code dir}, in file name order, joined;
   * empty when there are none or they cannot be read (a report only explains, it never fails).
   */
  public static String collect(Configuration conf, Path dir, Kind kind) {
    StringBuilder b = new StringBuilder();
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return "";
      }
      FileStatus[] files = fs.listStatus(dir, p -> p.getName().endsWith("." + kind.ext));
      Arrays.sort(files);
      for (FileStatus f : files) {
        try (InputStream in = fs.open(f.getPath())) {
          b.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      return "";
    }
    return b.toString();
  }
}
