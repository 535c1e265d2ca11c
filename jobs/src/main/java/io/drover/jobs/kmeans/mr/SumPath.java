package io.drover.jobs.kmeans.mr;

import io.drover.common.cli.UsageException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * How an iteration's partials (one per center per chunk: count, cost, d coordinates) become the
 * next centers. Both ways add a center's partials from zero in chunk order, so they give the same
 * bits; the choice is the user's ({@link #KEY}), the reduce path by default.
 */
public enum SumPath {
  /**
   * A map-only job: each task commits its partials and the driver reads and adds them all (k x
   * chunks x d doubles in the driver).
   */
  MAP_ONLY,
  /**
   * Map, combiner, shuffle, reduce, the shape of Mahout's k-means and of Spark MLlib's (per
   * partition sums, {@code reduceByKey}, k results collected): the reducers add the partials of
   * their centers and write the next centers; the driver reads k results.
   */
  REDUCE;

  /** {@code true} (default): the reduce path; {@code false}: map-only. */
  public static final String KEY = "drover.kmeans.reduce";

  /** The path {@code conf} asks for ({@link #KEY}), checked. */
  public static SumPath of(Configuration conf) throws UsageException {
    return switch (conf.getTrimmed(KEY, "true").toLowerCase(Locale.ROOT)) {
      case "true" -> REDUCE;
      case "false" -> MAP_ONLY;
      default -> throw new UsageException("-D " + KEY + "=" + conf.get(KEY) + ": true or false");
    };
  }

  /** What the run's line says of the path. */
  public String describe(int reducers) {
    return this == REDUCE
        ? "each iteration's partials go through a combiner to "
            + reducers
            + (reducers == 1 ? " reducer" : " reducers")
        : "each iteration is map-only, the driver adding its partials";
  }
}
