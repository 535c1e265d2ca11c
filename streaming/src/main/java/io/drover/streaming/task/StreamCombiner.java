package io.drover.streaming.task;

import io.drover.streaming.conf.StreamingKeys;

/** The combiner command: a reducer over one map task's sorted output, with the reduce settings. */
public final class StreamCombiner extends StreamReducer {
  @Override
  protected String commandKey() {
    return StreamingKeys.COMBINE_COMMAND;
  }

  @Override
  protected String role() {
    return "combine";
  }
}
