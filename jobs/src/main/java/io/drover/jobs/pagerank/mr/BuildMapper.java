package io.drover.jobs.pagerank.mr;

import io.drover.jobs.pagerank.model.EdgeLine;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads {@code src<TAB>dst} lines: the out-edge to the source's key, an empty value to the
 * destination's (so every name seen becomes a vertex). A bad line is counted and the task's first
 * one reported under the empty key (no vertex has an empty name) as {@code file<TAB>line
 * <TAB>reason}, for the client to refuse the input with.
 */
public class BuildMapper extends Mapper<LongWritable, Text, Text, Text> {
  private static final Text NONE = new Text();
  private final Text src = new Text();
  private final Text dst = new Text();
  private long lineInSplit;
  private boolean reported;

  @Override
  protected void map(LongWritable offset, Text line, Context ctx)
      throws IOException, InterruptedException {
    lineInSplit++;
    int tab;
    try {
      tab = EdgeLine.split(line.getBytes(), line.getLength());
    } catch (EdgeLine.Malformed e) {
      ctx.getCounter(PageRankJobs.Counters.BAD_LINES).increment(1);
      if (!reported) {
        reported = true;
        FileSplit split = (FileSplit) ctx.getInputSplit();
        long lineNo =
            split.getStart() == 0
                ? lineInSplit
                : linesBefore(split.getPath(), offset.get(), ctx) + 1;
        ctx.write(
            PageRankJobs.BAD_KEY,
            new Text(split.getPath() + "\t" + lineNo + "\t" + e.getMessage()));
      }
      return;
    }
    byte[] b = line.getBytes();
    src.set(b, 0, tab);
    dst.set(b, tab + 1, line.getLength() - tab - 1);
    ctx.write(src, dst);
    ctx.write(dst, NONE);
  }

  /**
   * The line feeds in {@code file} before byte {@code offset} (only for a task's first bad line).
   */
  private static long linesBefore(Path file, long offset, Context ctx) throws IOException {
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = file.getFileSystem(ctx.getConfiguration()).open(file)) {
      long left = offset;
      while (left > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          break;
        }
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
        left -= r;
      }
    }
    return n;
  }
}
