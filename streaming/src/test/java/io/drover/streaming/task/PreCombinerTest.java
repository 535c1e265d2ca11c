package io.drover.streaming.task;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drover.streaming.conf.StreamingKeys;
import java.lang.ref.WeakReference;
import java.util.Map;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.Reporter;
import org.junit.jupiter.api.Test;

/** What a task's pre-combiner leaves behind for its spill's combiner, and for no longer. */
class PreCombinerTest {
  private static JobConf task() {
    JobConf job = new JobConf(false);
    job.set(StreamingKeys.COMBINE_COMMAND, "cat");
    job.setCombinerClass(StreamCombiner.class);
    job.setNumReduceTasks(1);
    job.setMapOutputKeyClass(Text.class);
    return job;
  }

  @Test
  void aFinishedTasksConfIsNotHeldByWhatItsSpillReads() throws Exception {
    JobConf job = task();
    PreCombiner pre = PreCombiner.forTask(job, Map.of(), (k, v) -> { }, Reporter.NULL);
    assertNotNull(pre);
    pre.finish(); // no pairs: nothing to combine, one batch at most
    WeakReference<JobConf> ref = new WeakReference<>(job);
    job = null;
    pre = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    // a registry value that held the task (its pre-combiner holds the JobConf) kept every task's
    // buffers for the whole job
    assertNull(ref.get());
  }

  @Test
  void aTaskThatHasNotFinishedItsInputIsNotCombinedAll() {
    JobConf job = task();
    PreCombiner pre = PreCombiner.forTask(job, Map.of(), (k, v) -> { }, Reporter.NULL);
    assertNotNull(pre);
    assertFalse(PreCombiner.combinedAll(job));
    assertFalse(PreCombiner.combinedAll(task()));
  }
}
