package io.drover.common.text;

/**
 * Splits UTF-8 text into tokens without allocating a String per token.
 *
 * <p>Input must be well-formed UTF-8 (see {@link Utf8#isValid} and {@link Utf8#sanitize}); every
 * token handed to the sink is well-formed UTF-8 too. Implementations are not thread-safe: they
 * may keep a scratch buffer for normalised tokens.
 */
public interface Tokenizer {
  void forEachToken(byte[] buf, int off, int len, TokenSink sink);

  /** Builds the tokenizer a user names on the command line. */
  static Tokenizer named(String name, boolean lowercase) {
    switch (name) {
      case "whitespace":
        return new WhitespaceTokenizer(lowercase);
      case "words":
        return new WordsTokenizer();
      default:
        throw new IllegalArgumentException(
            "unknown tokenizer '" + name + "' (expected one of: " + String.join(", ", NAMES) + ")");
    }
  }

  /** The names {@link #named} accepts, default first. */
  java.util.List<String> NAMES = java.util.List.of("whitespace", "words");
}
