package io.drover.common.text;

import java.util.Arrays;

/**
 * A count per distinct byte string, for in-mapper combining: keys live in one growing byte arena,
 * so adding a token that is already present allocates nothing.
 *
 * <p>Open addressing with linear probing over a power-of-two table. {@link #approxBytes()} lets the
 * caller bound memory and flush when full. Not thread-safe.
 */
public final class ByteCounts {
  /** Bytes of bookkeeping per entry besides its key bytes (slot, offset, length, hash, count). */
  public static final int ENTRY_OVERHEAD = 4 * 2 + 4 + 4 + 4 + 8;

  private int[] slots; // entry index + 1; 0 = empty
  private int mask;
  private int size;
  private int[] offsets;
  private int[] lengths;
  private int[] hashes;
  private long[] counts;
  private byte[] arena;
  private int arenaUsed;

  public ByteCounts() {
    this(1 << 12);
  }

  public ByteCounts(int expectedEntries) {
    int cap = Integer.highestOneBit(Math.max(16, expectedEntries * 2 - 1)) << 1;
    slots = new int[cap];
    mask = cap - 1;
    offsets = new int[cap / 2];
    lengths = new int[cap / 2];
    hashes = new int[cap / 2];
    counts = new long[cap / 2];
    arena = new byte[Math.max(1024, expectedEntries * 8)];
  }

  /** Adds {@code delta} to the count of {@code buf[off, off+len)}. */
  public void add(byte[] buf, int off, int len, long delta) {
    int h = hash(buf, off, len);
    int s = h & mask;
    while (true) {
      int e = slots[s] - 1;
      if (e < 0) {
        insert(s, h, buf, off, len, delta);
        return;
      }
      if (hashes[e] == h && equal(e, buf, off, len)) {
        counts[e] += delta;
        return;
      }
      s = (s + 1) & mask;
    }
  }

  /** True when {@code buf[off, off+len)} has been added. */
  public boolean contains(byte[] buf, int off, int len) {
    int h = hash(buf, off, len);
    int s = h & mask;
    while (true) {
      int e = slots[s] - 1;
      if (e < 0) {
        return false;
      }
      if (hashes[e] == h && equal(e, buf, off, len)) {
        return true;
      }
      s = (s + 1) & mask;
    }
  }

  public int size() {
    return size;
  }

  /** Rough heap use of keys and bookkeeping, for flush decisions. */
  public long approxBytes() {
    return (long) arena.length + (long) slots.length * 4 + (long) offsets.length * (ENTRY_OVERHEAD - 8);
  }

  /** Calls {@code visitor} once per entry, in insertion order. */
  public void forEach(Visitor visitor) {
    for (int e = 0; e < size; e++) {
      visitor.visit(arena, offsets[e], lengths[e], counts[e]);
    }
  }

  /** The arena holding every key; entry {@code e}'s key is at {@link #keyOffset}. */
  public byte[] keyBytes() {
    return arena;
  }

  public int keyOffset(int e) {
    return offsets[e];
  }

  public int keyLength(int e) {
    return lengths[e];
  }

  public long count(int e) {
    return counts[e];
  }

  /** Empties the map, keeping its capacity. */
  public void clear() {
    Arrays.fill(slots, 0);
    size = 0;
    arenaUsed = 0;
  }

  /** Receives one entry; the key range is only valid during the call. */
  @FunctionalInterface
  public interface Visitor {
    void visit(byte[] buf, int off, int len, long count);
  }

  private void insert(int s, int h, byte[] buf, int off, int len, long delta) {
    if (arenaUsed + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
    }
    System.arraycopy(buf, off, arena, arenaUsed, len);
    int e = size++;
    offsets[e] = arenaUsed;
    lengths[e] = len;
    hashes[e] = h;
    counts[e] = delta;
    arenaUsed += len;
    slots[s] = e + 1;
    if (size * 2 >= slots.length) {
      grow();
    }
  }

  private void grow() {
    int cap = slots.length * 2;
    slots = new int[cap];
    mask = cap - 1;
    for (int e = 0; e < size; e++) {
      int s = hashes[e] & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = e + 1;
    }
    offsets = Arrays.copyOf(offsets, cap / 2);
    lengths = Arrays.copyOf(lengths, cap / 2);
    hashes = Arrays.copyOf(hashes, cap / 2);
    counts = Arrays.copyOf(counts, cap / 2);
  }

  private boolean equal(int e, byte[] buf, int off, int len) {
    int o = offsets[e];
    return lengths[e] == len && Arrays.equals(arena, o, o + len, buf, off, off + len);
  }

  private static int hash(byte[] buf, int off, int len) {
    int h = 0x9747b28c ^ len;
    int end = off + len;
    for (int i = off; i < end; i++) {
      h = 31 * h + buf[i];
    }
    // murmur3 finalizer: spread the bits so the low ones index the table well
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
