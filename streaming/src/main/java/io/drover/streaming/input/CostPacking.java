package io.drover.streaming.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Deals a streaming job's file chunks into map tasks of equal cost, where a chunk costs its bytes
 * plus {@link #START_COST_BYTES} for the command started on it.
 *
 * <p>Hadoop's {@code CombineFileInputFormat} fills each split with files in listing order up to a
 * byte limit, so its splits have equal bytes but any number of files: in the benchmark's
 * gutenberg-medium, 6 splits of ~17.7 MB hold 25 to 83 books. A streaming map task starts its
 * command once per file (so that {@code map_input_file} stays true), and a Python start costs as
 * much CPU as ~0.3 MB of word counting, so those tasks ran 8 to 14 s and one map slot sat idle
 * for seconds at the end of the map phase. Here the chunks go, largest cost first, each to the
 * task with the least cost so far (LPT, Graham's longest-processing-time rule: the costliest task
 * is within one chunk of the mean), and each task keeps its chunks in their listing order.
 *
 * <p>Pure and deterministic: the same chunks always make the same tasks.
 */
public final class CostPacking {
  /**
   * What a command start costs, in bytes of input: a Python interpreter start (~80 ms of CPU on
   * the benchmark machine, ~95 ms with the JVM's share) against ~0.27 s of CPU per MB of the
   * Python word count's input; a {@code cat} start is ~0.06 MB. 256 KiB lies between and keeps
   * the byte counts of the tasks within a few percent of each other.
   */
  public static final long START_COST_BYTES = 256L << 10;

  /** One piece of input: a file, or a chunk of a large one, with its place in the listing. */
  public record Chunk(int index, long bytes) {
    long cost() {
      return bytes + START_COST_BYTES;
    }
  }

  private CostPacking() {}

  /**
   * The chunks dealt into at most {@code tasks} non-empty tasks, each task's chunks in listing
   * (index) order, the tasks in the order they were opened.
   */
  public static List<List<Chunk>> pack(List<Chunk> chunks, int tasks) {
    if (tasks < 1) {
      throw new IllegalArgumentException("tasks must be at least 1: " + tasks);
    }
    List<Chunk> byCost = new ArrayList<>(chunks);
    byCost.sort(Comparator.comparingLong(Chunk::cost).reversed()
        .thenComparingInt(Chunk::index));
    int n = Math.min(tasks, chunks.size());
    List<List<Chunk>> bins = new ArrayList<>(n);
    // (cost so far, bin): the cheapest bin next, the lower bin on a tie
    PriorityQueue<long[]> open = new PriorityQueue<>(
        Comparator.<long[]>comparingLong(b -> b[0]).thenComparingLong(b -> b[1]));
    for (int i = 0; i < n; i++) {
      bins.add(new ArrayList<>());
      open.add(new long[] {0, i});
    }
    for (Chunk c : byCost) {
      long[] bin = open.poll();
      bins.get((int) bin[1]).add(c);
      bin[0] += c.cost();
      open.add(bin);
    }
    for (List<Chunk> b : bins) {
      b.sort(Comparator.comparingInt(Chunk::index));
    }
    return bins;
  }

  /** A task's cost: its bytes plus a start per chunk. */
  public static long cost(List<Chunk> task) {
    long c = 0;
    for (Chunk ch : task) {
      c += ch.cost();
    }
    return c;
  }
}
