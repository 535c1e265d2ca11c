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
    pgd.addClass(
        "logreg",
        LogReg.class,
        "Logistic regression by gradient descent, one MapReduce job per checkpointed, resumable"
            + " iteration.");
    pgd.addClass(
        "linreg",
        LinReg.class,
        "Least-squares linear regression by gradient descent, one MapReduce job per checkpointed,"
            + " resumable iteration.");
    pgd.addClass(
        "svm",
        Svm.class,
        "Linear SVM (hinge loss) by gradient descent, one MapReduce job per checkpointed,"
            + " resumable iteration.");
    pgd.addClass(
        "predict",
        Predict.class,
        "Scores records with a trained logreg/linreg model: label, score, prediction per record.");
    pgd.addClass(
        "evaluate",
        Evaluate.class,
        "Metrics of a trained logreg/linreg model on labeled records (accuracy, AUC, ...; RMSE,"
            + " R^2).");
    pgd.addClass(
        "kmeans",
        KMeans.class,
        "k-means clustering (k-means++ start, Lloyd's iterations), one MapReduce job per"
            + " checkpointed, resumable iteration.");
    pgd.addClass(
        "kmeans-predict",
        KMeansPredict.class,
        "Assigns each record its nearest center of a kmeans model: cluster and squared distance.");
    pgd.addClass(
        "kmeans-evaluate",
        KMeansEvaluate.class,
        "WSSSE and cluster sizes of records under a kmeans model.");
    return pgd;
  }

  public static void main(String[] args) throws Throwable {
    int code = programs().run(args);
    System.exit(code == -1 ? 2 : code);
  }
}
