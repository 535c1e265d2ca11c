package io.drover.streaming.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.streaming.input.CostPacking.Chunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CostPackingTest {
  private static List<Chunk> chunks(long... bytes) {
    List<Chunk> c = new ArrayList<>();
    for (long b : bytes) {
      c.add(new Chunk(c.size(), b));
    }
    return c;
  }

  /** Every chunk once, each task in index order, no empty task, at most {@code tasks}. */
  private static void assertPartition(List<Chunk> in, List<List<Chunk>> out, int tasks) {
    assertEquals(Math.min(tasks, in.size()), out.size());
    TreeSet<Integer> seen = new TreeSet<>();
    for (List<Chunk> t : out) {
      assertTrue(!t.isEmpty());
      for (int i = 1; i < t.size(); i++) {
        assertTrue(t.get(i - 1).index() < t.get(i).index(), "listing order in a task");
      }
      for (Chunk c : t) {
        assertTrue(seen.add(c.index()), "chunk " + c.index() + " twice");
        assertEquals(in.get(c.index()), c);
      }
    }
    assertEquals(in.size(), seen.size());
  }

  @Test
  void equalBytesButUnequalFileCountsBecomeEqualCosts() {
    // the benchmark's shape: Hadoop's byte-limited packing gave one split 3 large files and
    // another 12 small ones of the same bytes; here each task gets some of each
    long mb = 1L << 20;
    List<Chunk> in = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      in.add(new Chunk(in.size(), 4 * mb));
    }
    for (int i = 0; i < 12; i++) {
      in.add(new Chunk(in.size(), mb));
    }
    List<List<Chunk>> out = CostPacking.pack(in, 3);
    assertPartition(in, out, 3);
    for (List<Chunk> t : out) {
      assertEquals(5, t.size());
      assertEquals(8 * mb + 5 * CostPacking.START_COST_BYTES, CostPacking.cost(t));
    }
  }

  @Test
  void theCostliestTaskIsWithinOneChunkOfTheMean() {
    Random r = new Random(7);
    for (int round = 0; round < 200; round++) {
      int n = 1 + r.nextInt(400);
      long[] b = new long[n];
      for (int i = 0; i < n; i++) {
        b[i] = r.nextInt(4) == 0 ? r.nextInt(3 << 20) : r.nextInt(200_000);
      }
      List<Chunk> in = chunks(b);
      int tasks = 1 + r.nextInt(12);
      List<List<Chunk>> out = CostPacking.pack(in, tasks);
      assertPartition(in, out, tasks);
      long total = 0;
      long maxChunk = 0;
      for (Chunk c : in) {
        total += c.bytes() + CostPacking.START_COST_BYTES;
        maxChunk = Math.max(maxChunk, c.bytes() + CostPacking.START_COST_BYTES);
      }
      long max = out.stream().mapToLong(CostPacking::cost).max().orElseThrow();
      assertTrue(max <= total / out.size() + maxChunk, "round " + round);
      // and the same input always makes the same tasks
      assertEquals(out, CostPacking.pack(in, tasks));
    }
  }

  @Test
  void fewerChunksThanTasksGiveOneTaskEach() {
    List<Chunk> in = chunks(10, 0, 30);
    List<List<Chunk>> out = CostPacking.pack(in, 8);
    assertPartition(in, out, 8);
    out.sort(Comparator.comparingInt(t -> t.get(0).index()));
    assertEquals(List.of(List.of(in.get(0)), List.of(in.get(1)), List.of(in.get(2))), out);
    assertEquals(List.of(), CostPacking.pack(List.of(), 3));
    assertThrows(IllegalArgumentException.class, () -> CostPacking.pack(in, 0));
  }
}
