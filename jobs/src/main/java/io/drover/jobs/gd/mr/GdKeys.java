package io.drover.jobs.gd.mr;

/** Configuration keys the gd jobs' tasks read (set by the tools, not by users). */
public final class GdKeys {
  private GdKeys() {}

  /** logistic or squared. */
  public static final String LOSS = "drover.gd.loss";

  /** The committed state file of the current iteration. */
  public static final String STATE = "drover.gd.state";

  /** Means and stds (two state vectors) when training standardized; unset otherwise. */
  public static final String SCALING = "drover.gd.scaling";

  /** Whether standardization subtracts the means. */
  public static final String CENTER = "drover.gd.center";

  /** The label value that means +1 for logistic loss (every other value means -1). */
  public static final String POSITIVE = "drover.gd.positive";

  /**
   * Multinomial logistic regression: the label code of each class in class order, as {@link
   * Double#toString} texts; unset: binary (or regression).
   */
  public static final String CLASSES = "drover.gd.classes";

  /** batch, minibatch or average. */
  public static final String MODE = "drover.gd.mode";

  /** The iteration being computed (seeds the randomness of minibatch and average). */
  public static final String ITERATION = "drover.gd.iteration";

  /** minibatch: the Bernoulli sampling fraction. */
  public static final String FRACTION = "drover.gd.fraction";

  /** minibatch and average: the seed. */
  public static final String SEED = "drover.gd.seed";

  /** average: the local SGD step of this iteration. */
  public static final String SGD_STEP = "drover.gd.sgd.step";

  /** average: penalties and intercept of the local SGD. */
  public static final String L1 = "drover.gd.l1";

  public static final String L2 = "drover.gd.l2";
  public static final String INTERCEPT = "drover.gd.intercept";

  /**
   * Tests only: the first attempt of every map task of this iteration throws, so Hadoop's retry of
   * a failed task can be checked to change nothing. Unset (or -1): off.
   */
  public static final String FAIL_FIRST_ATTEMPT = "drover.gd.test.fail-first-attempt";

  /** Parsing: libsvm or csv. */
  public static final String FORMAT = "drover.gd.parse.format";

  /** Parsing: CSV label column. */
  public static final String LABEL = "drover.gd.parse.label";

  /** Parsing: a classifier's CSV labels may be text ({@link io.drover.jobs.gd.data.Labels}). */
  public static final String TEXT_LABELS = "drover.gd.parse.text-labels";

  /** Parsing: what a CSV file's first record is ({@link io.drover.jobs.gd.data.CsvHeader}). */
  public static final String HEADER = "drover.gd.parse.header";

  /** Parsing: CSV feature columns, comma-separated; unset: all but the label. */
  public static final String FEATURES = "drover.gd.parse.features";

  /**
   * Parsing: CSV columns may be categorical ({@link io.drover.jobs.gd.data.Encoding}), each with at
   * most this many one-hot values; 0 (unset): every value must be a number (k-means).
   */
  public static final String MAX_CATEGORIES = "drover.gd.parse.max-categories";

  /** Parsing: categorical columns are hashed into this many features; 0 (unset): one-hot. */
  public static final String HASH_FEATURES = "drover.gd.parse.hash-features";

  /** Encoding: the parsing pass's output dir (raw chunks and the summary they are encoded by). */
  public static final String RAW = "drover.gd.encode.raw";

  /** Parsing: every input file, qualified, in the order that numbers them. */
  public static final String FILES = "drover.gd.parse.files";

  /** Parsing: a binary chunk file is closed once it holds this many bytes. */
  public static final String CHUNK_BYTES = "drover.gd.chunk.bytes";

  public static final long CHUNK_BYTES_DEFAULT = 64L << 20;
}
