package io.drover.streaming.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.streaming.conf.StreamingKeys;
import io.drover.streaming.protocol.ExitStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.Reporter;
import org.junit.jupiter.api.Test;

/** The failure reports a task leaves, to the letter. */
class PipeTest {
  private static JobConf job() {
    JobConf job = new JobConf(false);
    job.set("mapreduce.task.attempt.id", "attempt_1_0001_m_000000_0");
    job.setLong(StreamingKeys.KEEPALIVE_MS, 0);
    return job;
  }

  private static Pipe start(String command) throws IOException {
    return Pipe.start("map", job(), command, new Child.Env(System.getenv()), (b, len) -> { },
        new TaskSupport.ReporterFeedback(Reporter.NULL), "in.txt");
  }

  @Test
  void aFailedCommandShowsItsStatusThenItsStderrThenTheRecordsFed() throws Exception {
    Pipe p = start("sh -c 'cat >/dev/null; echo oops >&2; exit 3'");
    p.describeLastWith(() -> "at byte offset 2 of the input");
    for (int i = 0; i < 2; i++) {
      p.stdin().write("a\n".getBytes(StandardCharsets.UTF_8));
      p.fed();
    }
    IOException e = assertThrows(IOException.class, () -> p.finish(true));
    assertEquals("map task attempt_1_0001_m_000000_0: command 'sh -c 'cat >/dev/null;"
        + " echo oops >&2; exit 3'' exit status 3 (stream.non.zero.exit.is.failure=true)\n"
        + "  last 1 stderr line:\n"
        + "    | oops\n"
        + "  records fed to the command: 2 (last: record 2, at byte offset 2 of the input)\n"
        + "  input: in.txt", e.getMessage());
  }

  @Test
  void theSettingFollowsTheStatusEvenWhenTheCommandHoldsANewline() throws Exception {
    Pipe p = start("sh -c 'exit 4\n'");
    IOException e = assertThrows(IOException.class, () -> p.finish(true));
    assertEquals("map task attempt_1_0001_m_000000_0: command 'sh -c 'exit 4\n'' exit status 4"
        + " (stream.non.zero.exit.is.failure=true)\n"
        + "  (the command wrote nothing to stderr)\n"
        + "  records fed to the command: 0\n"
        + "  input: in.txt", e.getMessage());
  }

  @Test
  void aProgramThatCannotStartIsDecoded() {
    IOException e = assertThrows(IOException.class, () -> start("/no/such/program -x"));
    assertTrue(e.getMessage().startsWith("map task attempt_1_0001_m_000000_0: command"
        + " '/no/such/program -x' (program /no/such/program) " + ExitStatus.describe(127)
        + ": Cannot run program \"/no/such/program\""), e.getMessage());
  }

  @Test
  void aNonZeroExitIsFineWhenAllowed() throws Exception {
    Pipe p = start("sh -c 'exit 5'");
    p.finish(false);
    assertEquals(0, p.records());
  }
}
