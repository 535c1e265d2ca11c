package io.drover.jobs.pagerank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * An in-test PageRank, written from networkx's {@code pagerank} (its scipy power iteration with
 * uniform teleport and uniform dangling redistribution, on a multigraph: parallel edges add up), in
 * plain doubles summed in vertex order: {@code x' = d (x A + sum(x[dangling]) / N) + (1 - d) / N},
 * stop when the L1 change {@code sum |x' - x| < tol} (absolute, as the issue asks; networkx's
 * own rule scales tol by N) or after {@code maxIter} steps. And the documented generator of the
 * large test graph.
 */
final class PageRankOracle {
  private PageRankOracle() {}

  /** {@code changes}: the L1 change of every iteration, the last one {@code change}. */
  record Result(
      Map<String, Double> ranks,
      int iterations,
      double change,
      boolean converged,
      List<Double> changes) {}

  /** {@code edges}: {src, dst} pairs. */
  static Result pagerank(List<String[]> edges, double d, double tol, int maxIter) {
    TreeMap<String, Integer> index = new TreeMap<>();
    for (String[] e : edges) {
      index.put(e[0], 0);
      index.put(e[1], 0);
    }
    int i = 0;
    for (Map.Entry<String, Integer> e : index.entrySet()) {
      e.setValue(i++);
    }
    int n = index.size();
    int[] src = new int[edges.size()];
    int[] dst = new int[edges.size()];
    int[] deg = new int[n];
    for (int k = 0; k < edges.size(); k++) {
      src[k] = index.get(edges.get(k)[0]);
      dst[k] = index.get(edges.get(k)[1]);
      deg[src[k]]++;
    }
    double[] x = new double[n];
    java.util.Arrays.fill(x, 1.0 / n);
    int t = 0;
    double err = Double.NaN;
    boolean converged = false;
    List<Double> changes = new ArrayList<>();
    while (t < maxIter) {
      double dangling = 0;
      for (int v = 0; v < n; v++) {
        if (deg[v] == 0) {
          dangling += x[v];
        }
      }
      double[] in = new double[n];
      for (int k = 0; k < src.length; k++) {
        in[dst[k]] += x[src[k]] / deg[src[k]];
      }
      double[] next = new double[n];
      err = 0;
      for (int v = 0; v < n; v++) {
        next[v] = d * (in[v] + dangling / n) + (1 - d) / n;
        err += Math.abs(next[v] - x[v]);
      }
      x = next;
      t++;
      changes.add(err);
      if (err < tol) {
        converged = true;
        break;
      }
    }
    Map<String, Double> ranks = new TreeMap<>();
    for (Map.Entry<String, Integer> e : index.entrySet()) {
      ranks.put(e.getKey(), x[e.getValue()]);
    }
    return new Result(ranks, t, err, converged, changes);
  }

  /** {@code src<TAB>dst} lines as pairs. */
  static List<String[]> edges(List<String> lines) {
    List<String[]> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.split("\t", -1));
    }
    return out;
  }

  /**
   * A seeded directed preferential-attachment graph (Price's model, as networkx's {@code
   * scale_free_graph} grows a citation network): vertices 0..4 form a ring; each next vertex v
   * draws k uniform in 0..9 (k = 0: a dangling vertex, about a tenth of them) and sends k edges to
   * targets drawn from a pool where every earlier vertex appears once plus once per edge it has
   * received, so in-degrees follow a power law; repeated draws give duplicate edges, and one vertex
   * in a hundred adds a self-loop. Names are {@code v<id>}, except every thousandth vertex, named
   * {@code вершина <id>} (UTF-8, with a space). With {@code vertices = 11000} and seed 42: about
   * 50,000 edges.
   */
  static List<String> preferentialAttachment(int vertices, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Integer> pool = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (int v = 0; v < 5; v++) {
      lines.add(name(v) + "\t" + name((v + 1) % 5));
      pool.add(v);
      pool.add(v);
    }
    for (int v = 5; v < vertices; v++) {
      int k = r.nextInt(10);
      List<Integer> targets = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        targets.add(pool.get(r.nextInt(pool.size())));
      }
      if (r.nextInt(100) == 0) {
        targets.add(v);
      }
      for (int w : targets) {
        lines.add(name(v) + "\t" + name(w));
        pool.add(w);
      }
      pool.add(v);
    }
    return lines;
  }

  static String name(int v) {
    return v % 1000 == 999 ? "вершина " + v : "v" + v;
  }
}
