package io.drover.jobs;

import io.drover.jobs.aggregate.Aggregate;
import io.drover.jobs.wordcount.WordCount;
import org.apache.hadoop.util.ProgramDriver;

/**
 * The jar's main class: {@code hadoop jar drover-jobs-VERSION.jar <program> [generic options]
 * args}. Without a program, or with an unknown one, it lists the programs and exits 2.
 */
public final class DroverDriver {
  private DroverDriver() {}

  /** The programs this jar runs, each a class with a static main that runs a Tool. */
  static ProgramDriver programs() throws Throwable {
    ProgramDriver pgd = new ProgramDriver();
    pgd.addClass(
        "wordcount",
        WordCount.class,
        "Counts words in text files (whitespace tokens or Unicode words; --top N keeps the most frequent).");
    pgd.addClass(
        "aggregate",
        Aggregate.class,
        "SQL group-by (Hive/Spark SQL dialect) over CSV, TSV, JSON lines or Apache logs.");
    return pgd;
  }

  public static void main(String[] args) throws Throwable {
    int code = programs().run(args);
    System.exit(code == -1 ? 2 : code);
  }
}
