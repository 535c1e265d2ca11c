package io.drover.jobs.wordcount;

import io.drover.common.text.Tokenizer;
import org.apache.hadoop.conf.Configuration;

/**
 * Word count's configuration keys with their defaults beside them: the one place the driver, the
 * options and the tasks read them from. Settable with {@code -D} or {@code -conf}; a flag given on
 * the command line wins.
 */
public final class WordCountKeys {
  private WordCountKeys() {}

  /** Tokenizer name: whitespace or words. */
  public static final String TOKENIZER = "drover.wordcount.tokenizer";
  public static final String TOKENIZER_DEFAULT = "whitespace";
  /** Lower-case whitespace tokens. */
  public static final String LOWERCASE = "drover.wordcount.lowercase";
  public static final boolean LOWERCASE_DEFAULT = false;
  /** Smallest total a word needs to be written. */
  public static final String MIN_COUNT = "drover.wordcount.min-count";
  public static final int MIN_COUNT_DEFAULT = 1;
  /** N of --top (0 = off: no second job). The top job's tasks need it set to at least 1. */
  public static final String TOP = "drover.wordcount.top";
  public static final int TOP_DEFAULT = 0;
  /** Memory bound of a mapper's in-memory counts before it writes them out. */
  public static final String INMAPPER_MAX_BYTES = "drover.wordcount.inmapper.max-bytes";
  public static final long INMAPPER_MAX_BYTES_DEFAULT = 64L << 20;
  /** Hadoop's map-side sort buffer; in local mode every task's lives in the client's heap. */
  static final String LOCAL_SORT_MB = "mapreduce.task.io.sort.mb";
  static final String LOCAL_SORT_MB_DEFAULT = "32";

  /** The tokenizer a job's configuration names. */
  static Tokenizer tokenizer(Configuration conf) {
    return Tokenizer.named(conf.get(TOKENIZER, TOKENIZER_DEFAULT),
        conf.getBoolean(LOWERCASE, LOWERCASE_DEFAULT));
  }
}
