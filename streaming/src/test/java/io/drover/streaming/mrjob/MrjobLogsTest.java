package io.drover.streaming.mrjob;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The port of mrjob's rules, on stderr as Hadoop 3's {@code hadoop jar} streaming client writes it. */
class MrjobLogsTest {
  static final List<String> HADOOP_STDERR = List.of(
      "packageJobJar: [] [/opt/hadoop/share/hadoop/tools/lib/hadoop-streaming-3.3.6.jar] /tmp/streamjob1.jar tmpDir=null",
      "2026-12-05 03:00:01,100 INFO client.DefaultNoHARMFailoverProxyProvider: Connecting to ResourceManager at /0.0.0.0:8032",
      "2026-12-05 03:00:02,200 INFO impl.YarnClientImpl: Submitted application application_1764900000000_0003",
      "2026-12-05 03:00:02,300 INFO mapreduce.Job: Running job: job_1764900000000_0003",
      "2026-12-05 03:00:09,400 INFO mapreduce.Job:  map 0% reduce 0%",
      "2026-12-05 03:00:15,500 INFO mapreduce.Job:  map 100% reduce 0%",
      "2026-12-05 03:00:20,600 INFO mapreduce.Job:  map 100% reduce 100%",
      "2026-12-05 03:00:21,700 INFO mapreduce.Job: Job job_1764900000000_0003 completed successfully",
      "2026-12-05 03:00:21,800 INFO mapreduce.Job: Counters: 3",
      "\tFile System Counters",
      "\t\tFILE: Number of bytes read=31102",
      "\twc stats",
      "\t\tdistinct words=12",
      "\t\tlines=3000",
      "2026-12-05 03:00:21,900 INFO streaming.StreamJob: Output directory: hdfs:///user/root/out");

  @Test
  void readsWhatMrjobReads() {
    MrjobLogs.Step s = MrjobLogs.interpretHadoopJarStderr(HADOOP_STDERR);
    assertEquals("job_1764900000000_0003", s.jobId);
    assertEquals("application_1764900000000_0003", s.applicationId);
    assertEquals("hdfs:///user/root/out", s.outputDir);
    assertEquals(Map.of("File System Counters", Map.of("FILE: Number of bytes read", 31102L),
        "wc stats", Map.of("distinct words", 12L, "lines", 3000L)), s.counters);
    assertEquals(3, s.progress.size());
    assertEquals(List.of(100, 100), List.of(s.progress.get(2)[0], s.progress.get(2)[1]));
  }

  @Test
  void thousandsSeparatorsAndLocalIdsAreNotMrjobs() {
    // Drover's old summary printed Lines=31,102: mrjob's counter rule wants a plain integer
    assertEquals(Map.of(), MrjobLogs.parseIndentedCounters(
        new String[] {"Counters: 1", "\tg", "\t\tLines=31,102x"}).getOrDefault("g", Map.of()));
    MrjobLogs.Step local = MrjobLogs.interpretHadoopJarStderr(
        List.of("03:00:00 INFO Job: Running job: job_local594435219_0001"));
    assertEquals(null, local.jobId);
    // Drover's conf/logging layout (%d{HH:mm:ss} %p %c{1}: %m) is a log4j record to mrjob
    MrjobLogs.Step drover = MrjobLogs.interpretHadoopJarStderr(
        List.of("03:00:00 INFO Job: Running job: job_1764900000000_0001"));
    assertEquals("job_1764900000000_0001", drover.jobId);
  }
}
