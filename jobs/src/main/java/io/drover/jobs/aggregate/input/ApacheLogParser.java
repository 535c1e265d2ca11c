package io.drover.jobs.aggregate.input;

import io.drover.jobs.aggregate.expr.Values;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache common and combined log lines: {@code ip ident user [time] "request" status bytes}
 * (+ {@code "referer" "agent"}). The request splits into method, path and protocol; {@code -}
 * is NULL for bytes, referer and agent... as for every field; time is a timestamp (the offset in
 * the line is honoured).
 */
public final class ApacheLogParser implements RecordParser {
  private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  static final Pattern LINE = Pattern.compile("^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] " + QUOTED
      + " (\\d{3}|-) (\\d+|-)(?: " + QUOTED + " " + QUOTED + ")?\\s*$");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);

  private long bad;

  @Override
  public Object[] parse(String line) throws BadRecordException {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new BadRecordException(BadRecordException.Reason.LOG_LINE_MISMATCH,
          "not an Apache common/combined log line" + hint(line));
    }
    Object[] row = new Object[11];
    row[0] = dash(m.group(1));
    row[1] = dash(m.group(2));
    row[2] = dash(m.group(3));
    try {
      row[3] = Values.micros(ZonedDateTime.parse(m.group(4), TIME).toInstant());
    } catch (DateTimeParseException e) {
      bad++;
    }
    String request = m.group(5);
    String[] parts = request.split(" ", -1);
    if (parts.length == 3) {
      row[4] = parts[0];
      row[5] = parts[1];
      row[6] = parts[2];
    } else if (parts.length == 2) {
      row[4] = parts[0];
      row[5] = parts[1];
    } else {
      row[5] = dash(request);
    }
    row[7] = m.group(6).equals("-") ? null : Long.parseLong(m.group(6));
    row[8] = m.group(7).equals("-") ? null : Values.parseLong(m.group(7));
    row[9] = m.group(8) == null ? null : dash(m.group(8));
    row[10] = m.group(9) == null ? null : dash(m.group(9));
    return row;
  }

  private static String hint(String line) {
    long quotes = line.chars().filter(c -> c == '"').count();
    if (quotes % 2 == 1) {
      return " (a quoted field lacks its closing quote)";
    }
    return "";
  }

  private static String dash(String s) {
    return s.equals("-") ? null : s;
  }

  @Override
  public long badValues() {
    return bad;
  }
}
