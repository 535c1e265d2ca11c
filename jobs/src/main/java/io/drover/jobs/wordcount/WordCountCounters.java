package io.drover.jobs.wordcount;

/** What word count counts; reported with the job's counters. */
public enum WordCountCounters {
  /** Input lines read. */
  LINES,
  /** Tokens found by the tokenizer, stop words included. */
  TOKENS,
  /** Tokens dropped because they are stop words. */
  STOPWORDS_DROPPED,
  /** Lines that were not valid UTF-8 (counted with U+FFFD in place of the bad bytes). */
  MALFORMED_LINES,
  /** Distinct words written by the reducers (after --min-count). */
  WORDS_EMITTED
}
