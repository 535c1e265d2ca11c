package io.drover.jobs.kmeans.mr;

/**
 * Configuration keys the kmeans job's tasks read (set by the tool, not by users). The
 * standardization is gd's: {@link io.drover.jobs.gd.mr.GdKeys#SCALING} and {@link
 * io.drover.jobs.gd.mr.GdKeys#CENTER}.
 */
public final class KMeansKeys {
  private KMeansKeys() {}

  /** The committed centers the iteration starts from (a state file, k * d doubles). */
  public static final String STATE = "drover.kmeans.state";

  /** The number of centers in the state. */
  public static final String K = "drover.kmeans.k";
}
