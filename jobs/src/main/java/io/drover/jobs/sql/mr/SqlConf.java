package io.drover.jobs.sql.mr;

import io.drover.jobs.sql.physical.PhysicalPlan;
import io.drover.jobs.sql.physical.Stage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The configuration keys of a SQL stage's job: the compiled plan (serialized once by the
 * driver, read by every task: tasks never see SQL), which stage this job runs, where each
 * earlier stage wrote its rows, and the result's format.
 */
public final class SqlConf {
  private SqlConf() {}

  /** The physical plan: Java serialization, deflated, Base64. */
  public static final String PLAN = "drover.sql.plan";
  /** The stage this job runs. */
  public static final String STAGE = "drover.sql.stage";
  /** Prefix of the keys naming each finished stage's output directory ({@code + id}). */
  public static final String STAGE_DIR = "drover.sql.stage.dir.";
  /** Whether this job writes the query's result (text) rather than binary rows. */
  public static final String FINAL = "drover.sql.final";
  /** The result's format (tsv, csv, jsonl, parquet). */
  public static final String OUTPUT_FORMAT = "drover.sql.output-format";
  /** The broadcast size threshold in bytes (-1: never broadcast unless required). */
  public static final String BROADCAST_THRESHOLD = "drover.sql.broadcast.threshold";
  /** The bytes of rows one task may hold for joins (default: 40% of the task's heap). */
  public static final String JOIN_MEMORY = "drover.sql.join.memory.bytes";
  /**
   * Whether map tasks count the values read and not converted per column of the csv, tsv and
   * jsonl tables they scan (set by the short form, whose one table gets aggregate's bad-value
   * rules).
   */
  public static final String VALUE_COUNTERS = "drover.sql.value-counters";
  /**
   * The estimated heap bytes of groups a map task's partial aggregation holds before it emits
   * them all (default: aggregate's in-mapper bound, 64 MB; a sketch of approx_count_distinct at
   * rsd 0.01 is ~16 KB per group, so a count of groups would not bound memory).
   */
  public static final String MAP_AGG_BYTES = "drover.sql.map-aggregation.max-bytes";
  public static final long MAP_AGG_BYTES_DEFAULT = 64L << 20;
  /**
   * The largest LIMIT of an ORDER BY ... LIMIT that map tasks (and the reducers before the sort)
   * cut to their top rows in a bounded heap; above it every row goes to the one sorting reducer.
   */
  public static final String TOP_N_ROWS = "drover.sql.topn.max-rows";
  /** Reduce tasks of a shuffle stage (0: from the input's size). */
  public static final String REDUCERS = "drover.sql.reducers";
  /** Input bytes per reduce task when the count comes from the input's size. */
  public static final String BYTES_PER_REDUCER = "drover.sql.bytes-per-reducer";
  public static final long BYTES_PER_REDUCER_DEFAULT = 256L * 1024 * 1024;

  /**
   * The session time zone (Spark's {@code spark.sql.session.timeZone}; default UTC): a timestamp
   * is a wall-clock time in it, timestamp text with an offset is read into it, and the functions
   * between timestamps and epoch seconds ({@code unix_timestamp}, {@code from_unixtime}, ...) and
   * {@code current_timestamp} use it. Set by the client from {@code --time-zone}.
   */
  public static final String TIME_ZONE = "drover.sql.time-zone";

  /** The session time zone of {@code conf} ({@link #TIME_ZONE}). */
  public static java.time.ZoneId zone(Configuration conf) {
    return java.time.ZoneId.of(conf.get(TIME_ZONE, "UTC"));
  }

  /** Whether a Parquet table's reader skips row groups by the filter above its scan. */
  public static final String PARQUET_PUSHDOWN = "drover.sql.parquet.pushdown";

  /**
   * Prefix of the keys naming, per broadcast side ({@code + its qualified location}), the
   * distributed cache link a task reads it from (set on a cluster; a local job reads in place).
   */
  public static final String BROADCAST_LINK = "drover.sql.broadcast.link.";

  /** Rows the driver samples to range-partition an ORDER BY over several reducers. */
  public static final String SORT_SAMPLE_ROWS = "drover.sql.sort.sample-rows";
  public static final int SORT_SAMPLE_ROWS_DEFAULT = 10_000;

  /** The serialized plan, as stored under {@link #PLAN}. */
  public static String encode(PhysicalPlan plan) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(new DeflaterOutputStream(bytes))) {
      out.writeObject(plan);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** The plan stored under {@link #PLAN}. */
  public static PhysicalPlan plan(Configuration conf) {
    String s = conf.get(PLAN);
    if (s == null) {
      throw new IllegalStateException("no " + PLAN + " in the job configuration");
    }
    try (ObjectInputStream in = new ObjectInputStream(
        new InflaterInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(s))))) {
      return (PhysicalPlan) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read the plan in " + PLAN + ": " + e, e);
    }
  }

  /** The stage this job runs. */
  public static Stage stage(Configuration conf, PhysicalPlan plan) {
    return plan.stage(conf.getInt(STAGE, -1));
  }

  /** Where stage {@code id} wrote its rows. */
  public static Path stageDir(Configuration conf, int id) {
    String dir = conf.get(STAGE_DIR + id);
    if (dir == null) {
      throw new IllegalStateException("stage " + id + " has no output directory in the job");
    }
    return new Path(dir);
  }

  /** The share of a task's heap its joins may hold when {@link #JOIN_MEMORY} is not set. */
  static final double JOIN_MEMORY_SHARE = 0.4;

  /** The join memory of a task in this JVM. */
  public static long joinMemory(Configuration conf) {
    return conf.getLong(JOIN_MEMORY,
        (long) (Runtime.getRuntime().maxMemory() * JOIN_MEMORY_SHARE));
  }

  /** A task's join memory as the client tells it: the bytes set, else the share of its heap. */
  public static String joinMemoryBudget(Configuration conf) {
    return conf.get(JOIN_MEMORY) != null
        ? io.drover.jobs.sql.exec.JoinMemory.describe(conf.getLong(JOIN_MEMORY, 0)) + ", -D "
            + JOIN_MEMORY
        : Math.round(JOIN_MEMORY_SHARE * 100) + "% of a task's heap, -D " + JOIN_MEMORY;
  }
}
