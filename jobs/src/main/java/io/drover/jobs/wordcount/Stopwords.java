package io.drover.jobs.wordcount;

import io.drover.common.text.ByteCounts;
import io.drover.common.text.Tokenizer;
import io.drover.common.text.Utf8;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;

/**
 * The stop word list reaches tasks through the distributed cache, under the link name
 * {@link #LINK}; tasks read their localized copy. Each line is tokenized by the job's own
 * tokenizer, so stop words match whatever the tokenizer makes of the text (case, apostrophes).
 */
final class Stopwords {
  static final String LINK = "drover-stopwords";

  private Stopwords() {}

  /** The stop words of this task, or null when the job has none. */
  @SuppressWarnings("deprecation") // getLocalCacheFiles is the one call that works on both runners
  static ByteCounts load(JobContext context, Tokenizer tokenizer) throws IOException {
    URI[] cached = context.getCacheFiles();
    if (cached == null) {
      return null;
    }
    int index = -1;
    for (int i = 0; i < cached.length; i++) {
      if (LINK.equals(cached[i].getFragment())) {
        index = i;
      }
    }
    if (index < 0) {
      return null;
    }
    Configuration conf = context.getConfiguration();
    Path[] local = context.getLocalCacheFiles();
    Path path;
    FileSystem fs;
    if (local != null && local.length > index) {
      path = local[index];
      fs = FileSystem.getLocal(conf);
    } else { // not localized (e.g. MRUnit): read the original
      path = new Path(cached[index]);
      fs = path.getFileSystem(conf);
    }
    try (InputStream in = fs.open(path)) {
      return read(in, tokenizer);
    }
  }

  /** Reads a stop word list: every token of every line is a stop word. */
  static ByteCounts read(InputStream in, Tokenizer tokenizer) throws IOException {
    ByteCounts words = new ByteCounts(256);
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      if (!Utf8.isValid(b, 0, b.length)) {
        b = Utf8.sanitize(b, 0, b.length);
      }
      tokenizer.forEachToken(b, 0, b.length, (buf, off, len) -> words.add(buf, off, len, 1));
    }
    return words;
  }
}
