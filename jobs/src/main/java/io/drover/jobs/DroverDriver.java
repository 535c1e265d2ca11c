package io.drover.jobs;

import io.drover.jobs.aggregate.Aggregate;
import io.drover.jobs.gd.Evaluate;
import io.drover.jobs.gd.LinReg;
import io.drover.jobs.gd.LogReg;
import io.drover.jobs.gd.Predict;
import io.drover.jobs.gd.Svm;
import io.drover.jobs.kmeans.KMeans;
import io.drover.jobs.kmeans.KMeansEvaluate;
import io.drover.jobs.kmeans.KMeansPredict;
import io.drover.jobs.pagerank.PageRank;
import io.drover.jobs.sql.Sql;
import io.drover.jobs.wordcount.WordCount;
import org.apache.hadoop.util.ProgramDriver;

/**
 * The jar's main class: {@code hadoop jar drover-jobs-VERSION.jar <program> [generic options]
 * args}. Without a program, or with an unknown one, it lists the programs and exits 2 (1 under
 * bin/drover, which answers an unknown name as `hadoop` answers an unknown subcommand).
 */
public final class DroverDriver {
  private DroverDriver() {}

  /** The names {@link #programs()} adds, in order. */
  private static final java.util.List<String> NAMES = new java.util.ArrayList<>();

  /** Whether {@code name} is one of {@link #programs()}'s. */
  static boolean isProgram(String name) throws Throwable {
    if (NAMES.isEmpty()) {
      programs();
    }
    return NAMES.contains(name);
  }

  private static void add(ProgramDriver pgd, String name, Class<?> c, String what)
      throws Throwable {
    pgd.addClass(name, c, what);
    if (!NAMES.contains(name)) {
      NAMES.add(name);
    }
  }

  /** The programs this jar runs, each a class with a static main that runs a Tool. */
  static ProgramDriver programs() throws Throwable {
    ProgramDriver pgd = new ProgramDriver();
    add(pgd,
        "wordcount",
        WordCount.class,
        "Counts words in text files (whitespace tokens or Unicode words; --top N keeps the most frequent).");
    add(pgd,
        "aggregate",
        Aggregate.class,
        "SQL group-by (Hive/Spark SQL dialect) over CSV, TSV, JSON lines or Apache logs.");
    add(pgd,
        "sql",
        Sql.class,
        "SQL over Hive-DDL tables (joins, subqueries, WITH, UNION, ORDER BY), compiled to"
            + " MapReduce stages.");
    add(pgd,
        "logreg",
        LogReg.class,
        "Logistic regression by gradient descent, one MapReduce job per checkpointed, resumable"
            + " iteration.");
    add(pgd,
        "linreg",
        LinReg.class,
        "Least-squares linear regression by gradient descent, one MapReduce job per checkpointed,"
            + " resumable iteration.");
    add(pgd,
        "svm",
        Svm.class,
        "Linear SVM (hinge loss) by gradient descent, one MapReduce job per checkpointed,"
            + " resumable iteration.");
    add(pgd,
        "predict",
        Predict.class,
        "Scores records with a trained logreg/linreg model: label, score, prediction per record.");
    add(pgd,
        "evaluate",
        Evaluate.class,
        "Metrics of a trained logreg/linreg model on labeled records (accuracy, AUC, ...; RMSE,"
            + " R^2).");
    add(pgd,
        "kmeans",
        KMeans.class,
        "k-means clustering (k-means++ start, Lloyd's iterations), one MapReduce job per"
            + " checkpointed, resumable iteration.");
    add(pgd,
        "kmeans-predict",
        KMeansPredict.class,
        "Assigns each record its nearest center of a kmeans model: cluster and squared distance.");
    add(pgd,
        "kmeans-evaluate",
        KMeansEvaluate.class,
        "WSSSE and cluster sizes of records under a kmeans model.");
    add(pgd,
        "pagerank",
        PageRank.class,
        "PageRank of a src<TAB>dst edge list, one MapReduce job per checkpointed, resumable"
            + " iteration; the ranks are a dataset, not driver memory.");
    return pgd;
  }

  /** Set by bin/drover, where a program name stands where {@code hadoop} takes a subcommand. */
  static final String LAUNCHER = "drover.launcher";

  public static void main(String[] args) throws Throwable {
    ProgramDriver pgd = programs();
    if (args.length > 0 && System.getProperty(LAUNCHER) != null && !isProgram(args[0])) {
      // bin/drover answers an unknown subcommand as Hadoop's bin/hadoop does
      // (hadoop_validate_classname): this line, the usage, exit code 1
      System.err.println("ERROR: " + args[0] + " is not COMMAND nor fully qualified CLASSNAME.");
      pgd.run(new String[0]); // lists the programs
      System.exit(1);
    }
    int code = pgd.run(args);
    System.exit(code == -1 ? 2 : code);
  }
}
