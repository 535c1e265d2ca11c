package io.drover.streaming.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.drover.common.testing.MiniClusterExtension;
import io.drover.common.testing.TestDirs;
import io.drover.streaming.mrjob.MrjobLogs;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MrjobCompatibilityIT}'s run on HDFS and YARN (MiniDFSCluster + MiniMRYarnCluster, through
 * the conf dir they write): here the job id has Hadoop's cluster shape, and mrjob's own rules find
 * it, as they find the application id.
 */
class MrjobClusterIT {
  @RegisterExtension static MiniClusterExtension cluster = new MiniClusterExtension();

  @Test
  void jobIdOnYarnIsFoundByMrjobsRules() throws Exception {
    MrjobCompatibilityIT mrjob = new MrjobCompatibilityIT();
    mrjob.work = TestDirs.fresh("mrjob-cluster");
    String conf = cluster.writeConfDir(mrjob.work.resolve("conf")).toString();
    int appsBefore = cluster.yarnApplications();
    MrjobCompatibilityIT.Run run = mrjob.runAsMrjob(Map.of("HADOOP_CONF_DIR", conf),
        "hdfs:///user/root/tmp/mrjob/mr_word_count.root.20261205.030000.000000");
    assertEquals(appsBefore + 1, cluster.yarnApplications(), "the job ran on YARN");
    MrjobLogs.Step step = run.step();
    assertNotNull(step.jobId, "mrjob found no job id in:\n" + run.stderr());
    assertNotNull(step.applicationId, run.stderr());
    assertEquals("job_" + step.applicationId.substring("application_".length()), step.jobId);
  }
}
