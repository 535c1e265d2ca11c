package io.drover.bench.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.util.MLUtils;
import scala.Tuple2;

/**
 * Spark MLlib's side of bench/gd.sh and bench/kmeans.sh, on local[2] with the data cached.
 *
 * <pre>
 * SparkPeer gd LIBSVM ITERATIONS STEP OUT       GradientDescent.runMiniBatchSGD, LogisticGradient,
 *                                               SimpleUpdater (step/sqrt(t)), fraction 1, no
 *                                               regularization, convergenceTol 0, bias appended last
 * SparkPeer kmeans LIBSVM K ITERATIONS SEED [INIT] OUT
 *                                               KMeans, epsilon 0, from the K centers in INIT (one
 *                                               a line, blank-separated: setInitialModel), else
 *                                               its k-means|| start (2 steps)
 * </pre>
 *
 * Writes OUT (gd: the losses, one a line, then the weights, intercept last; kmeans: the cost,
 * then the centers, one a line) and prints one line: {@code spark: train_ms T wall_ms W} (W from
 * the JVM's start to the end of training).
 */
public final class SparkPeer {
  private SparkPeer() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || !(args[0].equals("gd") && args.length == 5
        || args[0].equals("kmeans") && (args.length == 6 || args.length == 7))) {
      System.err.println(
          "usage: SparkPeer gd LIBSVM ITERATIONS STEP OUT | kmeans LIBSVM K ITERATIONS SEED [INIT]"
              + " OUT");
      System.exit(2);
    }
    SparkConf conf =
        new SparkConf()
            .setMaster("local[2]")
            .setAppName("drover-bench-" + args[0])
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.local.dir", System.getProperty("java.io.tmpdir"));
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("WARN");
      JavaRDD<LabeledPoint> points = MLUtils.loadLibSVMFile(sc.sc(), args[1], -1, 2).toJavaRDD();
      if (args[0].equals("gd")) {
        gd(points, Integer.parseInt(args[2]), Double.parseDouble(args[3]), Path.of(args[4]));
      } else {
        kmeans(
            points,
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            Long.parseLong(args[4]),
            Path.of(args[args.length - 1]),
            args.length == 7 ? Path.of(args[5]) : null);
      }
    }
  }

  private static void gd(JavaRDD<LabeledPoint> points, int iterations, double step, Path out)
      throws IOException {
    // labels -1/+1 (a9a) or 0/1 -> 0/1 as LogisticGradient wants; the bias feature appended last,
    // as LogisticRegressionWithSGD does with setIntercept(true)
    JavaRDD<Tuple2<Object, Vector>> data =
        points
            .map(p -> new Tuple2<Object, Vector>(p.label() > 0 ? 1.0 : 0.0,
                MLUtils.appendBias(p.features())))
            .cache();
    long n = data.count();
    int d = data.first()._2().size();
    long t0 = System.nanoTime();
    Tuple2<Vector, double[]> r =
        GradientDescent.runMiniBatchSGD(
            data.rdd(),
            new LogisticGradient(),
            new SimpleUpdater(),
            step,
            iterations,
            0.0,
            1.0,
            Vectors.zeros(d),
            0.0);
    long trainMs = (System.nanoTime() - t0) / 1_000_000;
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      for (double loss : r._2()) {
        w.println("loss " + loss);
      }
      for (double x : r._1().toArray()) {
        w.println("weight " + x);
      }
    }
    report(trainMs, n + " records, " + r._2().length + " iterations, last loss "
        + r._2()[r._2().length - 1]);
  }

  private static void kmeans(
      JavaRDD<LabeledPoint> points, int k, int iterations, long seed, Path out, Path init)
      throws IOException {
    JavaRDD<Vector> data = points.map(LabeledPoint::features).cache();
    long n = data.count();
    long t0 = System.nanoTime();
    KMeans km =
        new KMeans()
            .setK(k)
            .setMaxIterations(iterations)
            .setInitializationMode(KMeans.K_MEANS_PARALLEL())
            .setSeed(seed)
            .setEpsilon(0.0);
    if (init != null) {
      // Drover's start: one center a line, its coordinates separated by blanks
      java.util.List<Vector> cs = new java.util.ArrayList<>();
      for (String line : Files.readAllLines(init, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          cs.add(Vectors.dense(java.util.Arrays.stream(line.trim().split("\\s+"))
              .mapToDouble(Double::parseDouble).toArray()));
        }
      }
      if (cs.size() != k) {
        throw new IOException(init + " holds " + cs.size() + " centers, not " + k);
      }
      km.setInitialModel(new KMeansModel(cs.toArray(new Vector[0])));
    }
    KMeansModel model = km.run(data.rdd());
    long trainMs = (System.nanoTime() - t0) / 1_000_000;
    double cost = model.computeCost(data.rdd());
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      w.println("cost " + cost);
      for (Vector c : model.clusterCenters()) {
        w.println("center " + c);
      }
    }
    report(trainMs, n + " records, cost " + cost + " after " + model.numIter() + " iterations");
  }

  private static void report(long trainMs, String what) {
    long wallMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.printf(Locale.ROOT, "spark: train_ms %d wall_ms %d (%s)%n", trainMs, wallMs, what);
  }
}
