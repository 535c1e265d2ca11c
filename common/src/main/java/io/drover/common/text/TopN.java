package io.drover.common.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The N most frequent words: count descending, ties broken by the word's bytes ascending
 * (unsigned, which for UTF-8 is code point order, the order Hadoop sorts Text keys in).
 * Keeps at most N entries whatever is offered.
 */
public final class TopN {
  /** One word and its count. */
  public record Entry(byte[] word, long count) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && e.count == count && Arrays.equals(e.word, word);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(word) + Long.hashCode(count);
    }

    @Override
    public String toString() {
      return new String(word, java.nio.charset.StandardCharsets.UTF_8) + "=" + count;
    }
  }

  /** The final order: more frequent first, then by word bytes. */
  public static final Comparator<Entry> ORDER =
      (a, b) -> {
        int c = Long.compare(b.count, a.count);
        return c != 0 ? c : Arrays.compareUnsigned(a.word, b.word);
      };

  private final int n;
  // the worst kept entry on top, so it is the one a better offer replaces
  private final PriorityQueue<Entry> heap;

  public TopN(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("N must be at least 1, got " + n);
    }
    this.n = n;
    this.heap = new PriorityQueue<>(Math.min(n, 1 << 16) + 1, ORDER.reversed());
  }

  /** Offers one word; copies the bytes only when the word is kept. */
  public void offer(byte[] buf, int off, int len, long count) {
    if (heap.size() == n) {
      Entry worst = heap.peek();
      int c = Long.compare(count, worst.count);
      if (c < 0 || (c == 0 && Arrays.compareUnsigned(buf, off, off + len, worst.word, 0, worst.word.length) >= 0)) {
        return;
      }
      heap.poll();
    }
    heap.add(new Entry(Arrays.copyOfRange(buf, off, off + len), count));
  }

  /** The kept entries, best first. */
  public List<Entry> result() {
    List<Entry> out = new ArrayList<>(heap);
    out.sort(ORDER);
    return out;
  }
}
