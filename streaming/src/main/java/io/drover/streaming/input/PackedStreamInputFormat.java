package io.drover.streaming.input;

import io.drover.common.run.InputPacking;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.InputSplit;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.lib.CombineFileSplit;
import org.apache.hadoop.mapred.lib.CombineTextInputFormat;

/**
 * The input of a streaming job whose small files are packed into few map tasks: Hadoop's
 * {@link CombineTextInputFormat} (its listing, its chunking of large files, its split count),
 * with the chunks dealt again into tasks of equal cost in local mode ({@link CostPacking}). On a
 * cluster, Hadoop's packing stands: it groups blocks by the nodes that hold them.
 */
public class PackedStreamInputFormat extends CombineTextInputFormat {
  private record Piece(Path path, long start, long length) {}

  @Override
  public InputSplit[] getSplits(JobConf job, int numSplits) throws IOException {
    InputSplit[] hadoop = super.getSplits(job, numSplits);
    if (hadoop.length < 2 || !InputPacking.isLocal(job)) {
      return hadoop;
    }
    // Hadoop's chunks in listing order (path, then offset): the order of a task's commands
    List<Piece> pieces = new ArrayList<>();
    for (InputSplit s : hadoop) {
      CombineFileSplit c = (CombineFileSplit) s;
      for (int i = 0; i < c.getNumPaths(); i++) {
        pieces.add(new Piece(c.getPath(i), c.getOffset(i), c.getLength(i)));
      }
    }
    pieces.sort(Comparator.comparing((Piece p) -> p.path().toString())
        .thenComparingLong(Piece::start));
    List<CostPacking.Chunk> chunks = new ArrayList<>();
    for (Piece p : pieces) {
      chunks.add(new CostPacking.Chunk(chunks.size(), p.length()));
    }
    List<List<CostPacking.Chunk>> tasks = CostPacking.pack(chunks, hadoop.length);
    InputSplit[] out = new InputSplit[tasks.size()];
    for (int t = 0; t < out.length; t++) {
      List<CostPacking.Chunk> task = tasks.get(t);
      Path[] p = new Path[task.size()];
      long[] start = new long[task.size()];
      long[] length = new long[task.size()];
      for (int i = 0; i < p.length; i++) {
        Piece piece = pieces.get(task.get(i).index());
        p[i] = piece.path();
        start[i] = piece.start();
        length[i] = piece.length();
      }
      // no locations: the local runner ignores them
      out[t] = new CombineFileSplit(job, p, start, length, new String[0]);
    }
    return out;
  }
}
