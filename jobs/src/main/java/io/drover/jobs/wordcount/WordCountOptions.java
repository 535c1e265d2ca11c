package io.drover.jobs.wordcount;

import io.drover.common.cli.Flags;
import io.drover.common.cli.Overwrite;
import io.drover.common.cli.UsageException;
import io.drover.common.text.Tokenizer;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** What a user asked {@code wordcount} for, checked. */
public record WordCountOptions(
    List<Path> inputs,
    Path output,
    String tokenizer,
    boolean lowercase,
    Path stopwords,
    int minCount,
    int top,
    int reducers,
    Overwrite overwrite) {

  public static final String USAGE =
      "[options] <input>... <output>\n"
          + "  Counts words in the text files under each input (directories are read recursively;\n"
          + "  gzip and bzip2 files are decompressed) and writes word<TAB>count lines to <output>.\n"
          + "  --tokenizer NAME   whitespace (default: the tokens of java.util.StringTokenizer, as\n"
          + "                     Hadoop's WordCount) or words (Unicode letters and digits with inner\n"
          + "                     apostrophes, case-folded, punctuation dropped)\n"
          + "  --lowercase        lower-case whitespace tokens\n"
          + "  --stopwords FILE   drop the words in FILE (one or more per line, tokenized the same way)\n"
          + "  --min-count N      keep words seen at least N times (default 1)\n"
          + "  --top N            keep only the N most frequent words, count descending, ties by word\n"
          + "  --reducers N       reduce tasks of the counting job (default: mapreduce.job.reduces, 1)\n"
          + "  --overwrite        replace <output> if it is a previous job output (the old one stays\n"
          + "                     until the new one is complete); --overwrite=force: any directory\n"
          + "  Generic Hadoop options (-D k=v, -conf, -files, -libjars) go before these.";

  static Options flags() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("tokenizer").hasArg().argName("NAME").build());
    o.addOption(Option.builder().longOpt("lowercase").build());
    o.addOption(Option.builder().longOpt("stopwords").hasArg().argName("FILE").build());
    o.addOption(Option.builder().longOpt("min-count").hasArg().argName("N").build());
    o.addOption(Option.builder().longOpt("top").hasArg().argName("N").build());
    o.addOption(Option.builder().longOpt("reducers").hasArg().argName("N").build());
    o.addOption(Option.builder().longOpt("overwrite").build());
    return o;
  }

  /** Parses with Hadoop's defaults only (no -D or -conf settings). */
  public static WordCountOptions parse(String... args) throws UsageException {
    return parse(new Configuration(false), args);
  }

  /**
   * Parses {@code args}; a flag that is not given takes its value from {@code conf}, so
   * {@code -D drover.wordcount.min-count=5} (or a {@code -conf} file) works like
   * {@code --min-count 5}, and the flag wins when both are given.
   */
  public static WordCountOptions parse(Configuration conf, String... args) throws UsageException {
    Flags f = Flags.parse(flags(), args);
    String tokenizer = f.get("tokenizer", conf.get(WordCountKeys.TOKENIZER, WordCountKeys.TOKENIZER_DEFAULT));
    try {
      Tokenizer.named(tokenizer, false);
    } catch (IllegalArgumentException e) {
      throw new UsageException("option --tokenizer: " + e.getMessage());
    }
    int minCount = f.intAtLeast("min-count", confInt(conf, WordCountKeys.MIN_COUNT, WordCountKeys.MIN_COUNT_DEFAULT, 1), 1);
    int top = f.intAtLeast("top", confInt(conf, WordCountKeys.TOP, WordCountKeys.TOP_DEFAULT, 0), 1);
    int reducers = f.intAtLeast("reducers", confInt(conf, "mapreduce.job.reduces", 1, 1), 1);
    String stop = f.get("stopwords", null);
    List<String> pos = f.inputsThenOutput();
    List<Path> inputs =
        pos.subList(0, pos.size() - 1).stream().map(Path::new).collect(Collectors.toList());
    return new WordCountOptions(
        List.copyOf(inputs),
        new Path(pos.get(pos.size() - 1)),
        tokenizer,
        f.has("lowercase") || conf.getBoolean(WordCountKeys.LOWERCASE, WordCountKeys.LOWERCASE_DEFAULT),
        stop == null ? null : new Path(stop),
        minCount,
        top,
        reducers,
        f.overwrite());
  }

  private static int confInt(Configuration conf, String key, int dflt, int min) throws UsageException {
    String v = conf.getTrimmed(key);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("configuration " + key + "=" + v + ": expected a whole number of at least " + min);
  }
}
