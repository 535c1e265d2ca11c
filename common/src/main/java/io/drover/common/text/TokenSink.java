package io.drover.common.text;

/**
 * Receives tokens as byte ranges. The range is only valid for the duration of the call: a sink
 * that keeps a token must copy it.
 */
@FunctionalInterface
public interface TokenSink {
  void token(byte[] buf, int off, int len);
}
