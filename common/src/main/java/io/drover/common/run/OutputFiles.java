package io.drover.common.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Small output files a program writes beside its part files: text and indented JSON. */
public final class OutputFiles {
  private OutputFiles() {}

  /** Writes {@code text} as UTF-8 to {@code file}, replacing it. */
  public static void writeText(FileSystem fs, Path file, String text) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The mapper of every JSON output file (model.json, centers.json, summary.json): indented. */
  public static ObjectMapper json() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Writes {@code value} as indented JSON and a newline to {@code file}, replacing it. */
  public static void writeJson(FileSystem fs, Path file, Object value) throws IOException {
    writeText(fs, file, json().writeValueAsString(value) + "\n");
  }
}
