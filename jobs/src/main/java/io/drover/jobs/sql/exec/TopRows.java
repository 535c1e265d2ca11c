package io.drover.jobs.sql.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code n} rows in the order of their sort keys' bytes (compared unsigned, the order
 * the shuffle sorts {@code SortKeyCodec} keys in): a bounded heap with the worst kept row on top,
 * so a task holds at most {@code n} rows whatever it reads. Among rows with equal keys the one
 * offered first is kept and comes first, as a stable sort followed by LIMIT would give.
 */
public final class TopRows {
  private record Entry(byte[] key, Object[] row, long seq) {}

  private static final Comparator<Entry> ORDER = (a, b) -> {
    int c = Arrays.compareUnsigned(a.key, b.key);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  };

  private final long n;
  private final PriorityQueue<Entry> heap;
  private long seq;

  public TopRows(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a top-n needs n >= 0, got " + n);
    }
    this.n = n;
    this.heap = new PriorityQueue<>((int) Math.min(n, 1 << 16) + 1, ORDER.reversed());
  }

  /** Offers one row with its key; the row is kept (not copied) when it is among the n first. */
  public void offer(byte[] key, Object[] row) {
    long s = seq++;
    if (heap.size() == n) {
      if (n == 0 || Arrays.compareUnsigned(key, heap.peek().key) >= 0) {
        return; // not better than the worst kept (ties: the earlier row stays)
      }
      heap.poll();
    }
    heap.add(new Entry(key, row, s));
  }

  /** How many rows are held. */
  public int size() {
    return heap.size();
  }

  /** The kept rows, first first; the heap is emptied. */
  public List<Object[]> drain() {
    List<Entry> all = new ArrayList<>(heap);
    heap.clear();
    all.sort(ORDER);
    List<Object[]> out = new ArrayList<>(all.size());
    for (Entry e : all) {
      out.add(e.row);
    }
    return out;
  }
}
