package io.drover.jobs.aggregate.input;

import io.drover.jobs.aggregate.expr.Type;
import java.util.List;
import java.util.Locale;

/** The input formats {@code --format} names. */
public enum Format {
  CSV,
  TSV,
  JSONL,
  APACHE;

  public static Format named(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "csv":
        return CSV;
      case "tsv":
        return TSV;
      case "jsonl":
      case "json":
      case "ndjson":
        return JSONL;
      case "apache":
      case "log":
        return APACHE;
      default:
        return null;
    }
  }

  /**
   * {@code auto}: by the file's extension (compression suffixes ignored), then by its first
   * lines: a JSON object, an Apache log line, a tab, else CSV.
   */
  public static Format detect(String fileName, List<String> firstLines) {
    String n = fileName.toLowerCase(Locale.ROOT);
    for (String z : List.of(".gz", ".bz2", ".deflate", ".zst", ".lz4", ".snappy")) {
      if (n.endsWith(z)) {
        n = n.substring(0, n.length() - z.length());
      }
    }
    if (n.endsWith(".csv")) {
      return CSV;
    }
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return TSV;
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return JSONL;
    }
    for (String line : firstLines) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (l.startsWith("{")) {
        return JSONL;
      }
      if (ApacheLogParser.LINE.matcher(line).matches()) {
        return APACHE;
      }
      return l.indexOf('\t') >= 0 ? TSV : CSV;
    }
    return CSV;
  }

  /** The fixed schema of the Apache log formats. */
  public static Schema apacheSchema() {
    return new Schema(List.of(
        new Schema.Field("ip", Type.STRING),
        new Schema.Field("ident", Type.STRING),
        new Schema.Field("user", Type.STRING),
        new Schema.Field("time", Type.TIMESTAMP),
        new Schema.Field("method", Type.STRING),
        new Schema.Field("path", Type.STRING),
        new Schema.Field("protocol", Type.STRING),
        new Schema.Field("status", Type.LONG),
        new Schema.Field("bytes", Type.LONG),
        new Schema.Field("referer", Type.STRING),
        new Schema.Field("agent", Type.STRING)));
  }
}
