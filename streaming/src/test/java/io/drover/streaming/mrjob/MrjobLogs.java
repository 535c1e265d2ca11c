package io.drover.streaming.mrjob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How mrjob reads the {@code hadoop jar} client's stderr, ported to Java for tests: each rule
 * follows the function of mrjob (github.com/Yelp/mrjob) it names, with mrjob's regexes as they
 * are. Our own code, written from reading mrjob's source; only what the compatibility test needs
 * (no task errors, no pre-YARN formats).
 */
public final class MrjobLogs {
  private MrjobLogs() {}

  /** mrjob/logs/log4j.py {@code _HADOOP_LOG4J_LINE_RE}. */
  static final Pattern LOG4J_LINE = Pattern.compile(
      "^\\s*(?<timestamp>.*?)\\s+(?<level>[A-Z]+)\\s+(?<logger>\\S+)(\\s+\\((?<thread>.*?)\\))?"
          + "( - |: )(?<message>.*?)$");
  /** mrjob/logs/log4j.py {@code _HADOOP_LOG4J_LINE_ALTERNATE_RE}. */
  static final Pattern LOG4J_LINE_ALTERNATE = Pattern.compile(
      "^\\s*(?<timestamp>.*?)\\s+(?<level>[A-Z]+)(\\s+\\[(?<thread>.*?)\\])\\s+(?<logger>\\S+)"
          + "(\\s+\\((?<caller>\\S+)\\))?( - |: )(?<message>.*?)$");
  /** mrjob/logs/step.py {@code _HADOOP_STREAMING_NON_LOG4J_LINE_RE}. */
  static final Pattern NON_LOG4J_LINE =
      Pattern.compile("^(packageJobJar: .*|Streaming Command Failed!)$");
  /** mrjob/logs/step.py {@code _INDENTED_COUNTERS_MESSAGE_RE} (re.MULTILINE, used with match). */
  static final Pattern COUNTERS_MESSAGE =
      Pattern.compile("^Counters: (?<num>\\d+)\\s*$", Pattern.MULTILINE);
  /** mrjob/logs/step.py {@code _INDENTED_COUNTER_GROUP_RE}. */
  static final Pattern COUNTER_GROUP = Pattern.compile("^(?<indent>\\s+)(?<group>.*)$");
  /** mrjob/logs/step.py {@code _INDENTED_COUNTER_RE}. */
  static final Pattern COUNTER =
      Pattern.compile("^(?<indent>\\s+)(?<counter>.*)=(?<amount>\\d+)\\s*$");
  /** mrjob/logs/step.py {@code _OUTPUT_DIRECTORY_RE}. */
  static final Pattern OUTPUT_DIRECTORY =
      Pattern.compile("^Output( directory)?:\\s+(?<dir>\\S+://\\S+)\\s*$");
  /** mrjob/logs/step.py {@code _SUBMITTED_APPLICATION_RE}. */
  static final Pattern SUBMITTED_APPLICATION =
      Pattern.compile("^Submitted application (?<id>application_\\d+_\\d{4})\\s*$");
  /** mrjob/logs/step.py {@code _RUNNING_JOB_RE}. */
  static final Pattern RUNNING_JOB = Pattern.compile("^Running job: (?<id>job_\\d+_\\d{4})\\s*$");
  /** mrjob/logs/step.py {@code _JOB_PROGRESS_RE}. */
  static final Pattern JOB_PROGRESS =
      Pattern.compile("^\\s*map\\s+(?<map>\\d+)%\\s+reduce\\s+(?<reduce>\\d+)%\\s*$");

  /** One log4j record (mrjob's dict): its message's lines joined by newlines. */
  public record Record(String level, String logger, String message, int startLine) {}

  /** What mrjob's {@code _parse_step_syslog_from_log4j_records} returns (the parts we use). */
  public static final class Step {
    public String jobId;
    public String applicationId;
    public String outputDir;
    public Map<String, Map<String, Long>> counters;
    /** Every progress record, in order, as [map, reduce] (mrjob keeps the last). */
    public final List<int[]> progress = new ArrayList<>();
  }

  /**
   * mrjob/logs/log4j.py {@code _parse_hadoop_log4j_records}, with step.py's pre-filter of
   * {@code _interpret_hadoop_jar_command_stderr}: a line that is not a log4j record belongs to the
   * record before it (a multi-line message such as the counters), or stands alone if none.
   */
  public static List<Record> records(List<String> lines) {
    List<Record> out = new ArrayList<>();
    String[] last = null; // level, logger, message
    int lastStart = -1;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).replaceAll("[\r\n]+$", "");
      if (NON_LOG4J_LINE.matcher(line).matches()) {
        if (last != null) {
          out.add(new Record(last[0], last[1], last[2], lastStart));
        }
        out.add(new Record("", "", line, n));
        last = null;
        continue;
      }
      Matcher m = LOG4J_LINE.matcher(line);
      if (!m.matches()) {
        m = LOG4J_LINE_ALTERNATE.matcher(line);
      }
      if (m.matches()) {
        if (last != null) {
          out.add(new Record(last[0], last[1], last[2], lastStart));
        }
        last = new String[] {m.group("level"), m.group("logger"), m.group("message")};
        lastStart = n;
      } else if (last != null) {
        last[2] += "\n" + line;
      } else {
        out.add(new Record("", "", line, n));
      }
    }
    if (last != null) {
      out.add(new Record(last[0], last[1], last[2], lastStart));
    }
    return out;
  }

  /**
   * mrjob/logs/step.py {@code _interpret_hadoop_jar_command_stderr} and {@code
   * _parse_step_syslog_from_log4j_records}: the job id, application id, output dir, progress and
   * counters of a {@code hadoop jar} run's stderr. (Python's {@code re.match} anchors at the
   * start only: {@code lookingAt} here, with each pattern's own {@code $}.)
   */
  public static Step interpretHadoopJarStderr(List<String> lines) {
    Step result = new Step();
    for (Record r : records(lines)) {
      String message = r.message();
      if (COUNTERS_MESSAGE.matcher(message).lookingAt()) {
        result.counters = parseIndentedCounters(message.split("\n", -1));
        continue;
      }
      Matcher m = OUTPUT_DIRECTORY.matcher(message);
      if (m.lookingAt()) {
        result.outputDir = m.group("dir");
        continue;
      }
      m = SUBMITTED_APPLICATION.matcher(message);
      if (m.lookingAt()) {
        result.applicationId = m.group("id");
        continue;
      }
      m = RUNNING_JOB.matcher(message);
      if (m.lookingAt()) {
        result.jobId = m.group("id");
        continue;
      }
      m = JOB_PROGRESS.matcher(message);
      if (m.lookingAt()) {
        result.progress.add(new int[] {Integer.parseInt(m.group("map")),
            Integer.parseInt(m.group("reduce"))});
      }
    }
    // mrjob/logs/ids.py _add_implied_job_id: job_X_Y from application_X_Y when no job id was seen
    if (result.jobId == null && result.applicationId != null) {
      result.jobId = "job_" + result.applicationId.substring("application_".length());
    }
    return result;
  }

  /**
   * mrjob/logs/step.py {@code _parse_indented_counters}: a group line, then its counters indented
   * deeper as {@code name=amount} with a plain integer amount. Python's {@code splitlines()} of
   * the message is {@code split("\n")} here (no trailing empty line: the records have none).
   */
  public static Map<String, Map<String, Long>> parseIndentedCounters(String[] lines) {
    Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
    String group = null;
    int groupIndent = -1;
    for (String line : lines) {
      if (group != null) {
        Matcher m = COUNTER.matcher(line);
        if (m.matches() && m.group("indent").length() > groupIndent) {
          counters.computeIfAbsent(group, g -> new LinkedHashMap<>())
              .put(m.group("counter"), Long.parseLong(m.group("amount")));
          continue;
        }
      }
      Matcher g = COUNTER_GROUP.matcher(line);
      if (g.matches()) {
        group = g.group("group");
        groupIndent = g.group("indent").length();
      }
      // else: mrjob logs "unexpected counter line" (the "Counters: N" line itself is expected)
    }
    return counters;
  }
}
