package io.drover.streaming.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

/** KeyGroups against a TreeMap ordered by Hadoop's own Text comparator. */
class KeyGroupsTest {

  /** The oracle: Text.compareTo (Hadoop's raw byte order), values in arrival order. */
  private static List<String> oracle(List<byte[][]> pairs) {
    TreeMap<Text, List<byte[]>> m = new TreeMap<>();
    for (byte[][] p : pairs) {
      m.computeIfAbsent(new Text(p[0]), k -> new ArrayList<>()).add(p[1]);
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<Text, List<byte[]>> e : m.entrySet()) {
      for (byte[] v : e.getValue()) {
        out.add(Arrays.toString(e.getKey().copyBytes()) + "=" + Arrays.toString(v));
      }
    }
    return out;
  }

  private static List<String> visit(KeyGroups g) throws IOException {
    List<String> out = new ArrayList<>();
    g.visit((kb, ko, kl, vb, vo, vl) -> out.add(
        Arrays.toString(Arrays.copyOfRange(kb, ko, ko + kl)) + "="
            + Arrays.toString(Arrays.copyOfRange(vb, vo, vo + vl))));
    return out;
  }

  private static byte[] randomBytes(Random r, int maxLen, int alphabet) {
    byte[] b = new byte[r.nextInt(maxLen + 1)];
    for (int i = 0; i < b.length; i++) {
      // bytes from 0x00 up, and high bytes, which sort after ASCII when compared unsigned
      int x = r.nextInt(alphabet);
      b[i] = (byte) (x < alphabet / 2 ? 'a' + x % 3 : 0x7e + x % 5);
    }
    return b;
  }

  @Test
  void groupsInHadoopsKeyOrderWithValuesInArrivalOrder() throws IOException {
    for (int seed = 0; seed < 30; seed++) {
      Random r = new Random(seed);
      KeyGroups g = new KeyGroups();
      List<byte[][]> pairs = new ArrayList<>();
      int n = 1 + r.nextInt(seed < 10 ? 20 : 20_000);
      for (int i = 0; i < n; i++) {
        byte[] k = randomBytes(r, seed % 2 == 0 ? 3 : 12, 10);
        byte[] v = randomBytes(r, 5, 10);
        pairs.add(new byte[][] {k, v});
        // keys and values taken from the middle of larger arrays
        byte[] kk = new byte[k.length + 4];
        System.arraycopy(k, 0, kk, 2, k.length);
        byte[] vv = new byte[v.length + 3];
        System.arraycopy(v, 0, vv, 1, v.length);
        g.add(kk, 2, k.length, vv, 1, v.length);
      }
      assertEquals(oracle(pairs), visit(g), "seed " + seed);
      assertEquals(n, g.pairs());
      assertEquals(new LinkedHashMap<>(
          pairs.stream().collect(java.util.stream.Collectors.groupingBy(
              p -> Arrays.toString(p[0])))).size(), g.keys());
      // reused after clear: a second batch sees nothing of the first
      g.clear();
      assertEquals(List.of(), visit(g));
      List<byte[][]> second = pairs.subList(0, Math.min(50, pairs.size()));
      for (byte[][] p : second) {
        g.add(p[0], 0, p[0].length, p[1], 0, p[1].length);
      }
      assertEquals(oracle(second), visit(g), "second batch, seed " + seed);
    }
  }

  @Test
  void keysThatShareTheirFirstEightBytesOrZeroBytesAreOrderedByTheirWholeBytes()
      throws IOException {
    // the sort compares 8-byte prefixes first: here most keys tie there, and trailing zero
    // bytes ("ab" and "ab\0") tie too; a fixed number of keys, drawn with repeats
    for (int seed = 0; seed < 20; seed++) {
      Random r = new Random(100 + seed);
      KeyGroups g = new KeyGroups();
      List<byte[][]> pairs = new ArrayList<>();
      int n = 1 + r.nextInt(5_000);
      for (int i = 0; i < n; i++) {
        int shared = r.nextInt(12);
        byte[] k = new byte[shared + r.nextInt(4)];
        for (int j = 0; j < k.length; j++) {
          int x = r.nextInt(4);
          k[j] = j < shared ? (byte) 'w' : (byte) (x == 0 ? 0 : x == 1 ? 0xff : 'a' + x);
        }
        byte[] v = randomBytes(r, 3, 10);
        pairs.add(new byte[][] {k, v});
        g.add(k, 0, k.length, v, 0, v.length);
      }
      assertEquals(oracle(pairs), visit(g), "seed " + seed);
    }
  }

  @Test
  void aShortKeysWordIsItsBytesAndLengthSoZeroBytesAndPrefixesStayApart() {
    byte[][] keys = {{}, {0}, {0, 0}, {'a'}, {'a', 0}, {'a', 0, 0, 0, 0, 0, 0}, {0, 'a'},
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 7}};
    java.util.Set<Long> words = new java.util.HashSet<>();
    for (byte[] k : keys) {
      words.add(KeyGroups.word(k, 0, k.length));
    }
    assertEquals(keys.length, words.size());
    assertEquals(0xffL, KeyGroups.word(new byte[9], 0, 8)); // longer: compared in the arena
    assertEquals(KeyGroups.word(new byte[] {9, 'x', 'y'}, 1, 2),
        KeyGroups.word(new byte[] {'x', 'y'}, 0, 2));
  }

  @Test
  void emptyKeysAndValuesAndPrefixes() throws IOException {
    KeyGroups g = new KeyGroups();
    List<byte[][]> pairs = new ArrayList<>();
    for (String[] kv : new String[][] {{"ab", ""}, {"", "x"}, {"a", "1"}, {"ab", "2"},
        {"", ""}, {"a\u00ff", "3"}, {"a", "4"}, {"b", ""}}) {
      byte[] k = kv[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] v = kv[1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
      pairs.add(new byte[][] {k, v});
      g.add(k, 0, k.length, v, 0, v.length);
    }
    assertEquals(oracle(pairs), visit(g));
    assertEquals(5, g.keys());
  }

  @Test
  void runsOfEqualShortValuesKeepArrivalOrderWithTheValuesLoggedAfterThem() throws IOException {
    // values that repeat (a word count's "1"), and among them different, empty, 8-byte (the
    // longest a run holds) and longer ones, some first for their key
    byte[][] values = {b("1"), b("1"), b("1"), b("1"), b("2"), b(""), b("12345678"),
        b("123456789"), b("1\u0000"), b("\u0000")};
    for (int seed = 0; seed < 40; seed++) {
      Random r = new Random(200 + seed);
      KeyGroups g = new KeyGroups();
      List<byte[][]> pairs = new ArrayList<>();
      int n = 1 + r.nextInt(seed < 10 ? 30 : 20_000);
      int kinds = 1 + r.nextInt(values.length);
      for (int i = 0; i < n; i++) {
        byte[] k = randomBytes(r, seed % 2 == 0 ? 2 : 10, 10);
        byte[] v = values[r.nextInt(kinds)];
        pairs.add(new byte[][] {k, v});
        byte[] vv = new byte[v.length + 2];
        System.arraycopy(v, 0, vv, 1, v.length);
        vv[0] = 'x';
        vv[vv.length - 1] = 'y'; // bytes around the value must not leak into it
        g.add(k, 0, k.length, vv, 1, v.length);
      }
      assertEquals(oracle(pairs), visit(g), "seed " + seed);
      assertEquals(n, g.pairs());
    }
    // a word count: one key's thousand "1"s hold no log bytes
    KeyGroups g = new KeyGroups();
    long empty = g.bytesUsed();
    for (int i = 0; i < 1000; i++) {
      g.add(b("the"), 0, 3, b("1"), 0, 1);
    }
    assertEquals(empty + 4 * 8 + 16 + 3, g.bytesUsed());
    assertEquals(1000, visit(g).size());
  }

  private static byte[] b(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
