package io.drover.common.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A count per distinct byte string, for in-mapper combining: adding a token that is already
 * present allocates nothing, and a lookup touches two places in memory.
 *
 * <p>Entries live one after another in a byte arena as {@code [int length][long count][key]}; an
 * open-addressing table (linear probing, power-of-two size, load at most 1/2) holds
 * {@code hash << 32 | arenaOffset} per slot, so most mismatches are rejected without reading the
 * arena. {@link #approxBytes()} lets the caller bound memory and flush when full. Not thread-safe.
 */
public final class ByteCounts {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final int HEADER = 12; // int length + long count
  private static final long EMPTY = 0; // offsets start at 1, so no occupied slot is 0

  private long[] slots;
  private int mask;
  private int size;
  private byte[] arena;
  private int arenaUsed = 1; // offset 0 is reserved: a slot value of 0 means empty

  public ByteCounts() {
    this(1 << 12);
  }

  public ByteCounts(int expectedEntries) {
    int cap = Integer.highestOneBit(Math.max(16, expectedEntries * 2 - 1)) << 1;
    slots = new long[cap];
    mask = cap - 1;
    arena = new byte[Math.max(1024, expectedEntries * (HEADER + 8))];
  }

  /** Adds {@code delta} to the count of {@code buf[off, off+len)}. */
  public void add(byte[] buf, int off, int len, long delta) {
    int h = hash(buf, off, len);
    int i = h & mask;
    while (true) {
      long s = slots[i];
      if (s == EMPTY) {
        insert(i, h, buf, off, len, delta);
        return;
      }
      if ((int) (s >>> 32) == h) {
        int e = (int) s;
        if (keyEquals(e, buf, off, len)) {
          LONG.set(arena, e + 4, (long) LONG.get(arena, e + 4) + delta);
          return;
        }
      }
      i = (i + 1) & mask;
    }
  }

  /** True when {@code buf[off, off+len)} has been added. */
  public boolean contains(byte[] buf, int off, int len) {
    int h = hash(buf, off, len);
    int i = h & mask;
    while (true) {
      long s = slots[i];
      if (s == EMPTY) {
        return false;
      }
      if ((int) (s >>> 32) == h && keyEquals((int) s, buf, off, len)) {
        return true;
      }
      i = (i + 1) & mask;
    }
  }

  public int size() {
    return size;
  }

  /** Rough heap use of keys and bookkeeping, for flush decisions. */
  public long approxBytes() {
    return (long) arena.length + (long) slots.length * 8;
  }

  /**
   * The first entry handle for iteration in insertion order ({@code for (e = first(); e != 0;
   * e = next(e))}), or 0 when empty.
   */
  public int first() {
    return size == 0 ? 0 : 1;
  }

  /** The entry after {@code e}, or 0 at the end. */
  public int next(int e) {
    int n = e + HEADER + keyLength(e);
    return n < arenaUsed ? n : 0;
  }

  /** The arena holding every key; entry {@code e}'s key starts at {@link #keyOffset}. */
  public byte[] keyBytes() {
    return arena;
  }

  public int keyOffset(int e) {
    return e + HEADER;
  }

  public int keyLength(int e) {
    return (int) INT.get(arena, e);
  }

  public long count(int e) {
    return (long) LONG.get(arena, e + 4);
  }

  /** Empties the map, keeping its capacity. */
  public void clear() {
    Arrays.fill(slots, EMPTY);
    size = 0;
    arenaUsed = 1;
  }

  private void insert(int i, int h, byte[] buf, int off, int len, long delta) {
    int need = HEADER + len;
    if (arenaUsed + need > arena.length) {
      long grown = Math.max((long) arena.length * 2, (long) arenaUsed + need);
      if (grown > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("ByteCounts arena over 2 GB: flush earlier");
      }
      arena = Arrays.copyOf(arena, (int) grown);
    }
    int e = arenaUsed;
    INT.set(arena, e, len);
    LONG.set(arena, e + 4, delta);
    System.arraycopy(buf, off, arena, e + HEADER, len);
    arenaUsed += need;
    slots[i] = ((long) h << 32) | e;
    if (++size * 2 >= slots.length) {
      grow();
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    mask = slots.length - 1;
    for (long s : old) {
      if (s != EMPTY) {
        int i = (int) (s >>> 32) & mask;
        while (slots[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        slots[i] = s;
      }
    }
  }

  private boolean keyEquals(int e, byte[] buf, int off, int len) {
    if ((int) INT.get(arena, e) != len) {
      return false;
    }
    int k = e + HEADER;
    if (len <= 16) { // most words: a plain loop beats the vectorized mismatch set-up
      for (int j = 0; j < len; j++) {
        if (arena[k + j] != buf[off + j]) {
          return false;
        }
      }
      return true;
    }
    return Arrays.equals(arena, k, k + len, buf, off, off + len);
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
