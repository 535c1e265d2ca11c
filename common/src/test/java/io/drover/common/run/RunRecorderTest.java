package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRecorderTest {
  private static final long START = 1764900000000L; // 2025-12-05T02:00:00Z

  @Test
  void manifestHoldsWhatTheRunTold() throws Exception {
    List<String> args = new ArrayList<>(List.of("--top", "3", "in", "out"));
    RunRecorder r = new RunRecorder("wordcount", "0.1.0", args, START);
    args.clear(); // the recorder keeps its own copy
    r.inputs(List.of(new RunManifest.Input("file:/old", 1, 2)));
    r.inputs(List.of(new RunManifest.Input("file:/in/a.txt", 100, START - 5),
        new RunManifest.Input("file:/in/b.txt", 7, START - 3)));
    r.job(new RunManifest.JobRun("count", "job_local1_0001", 900, true,
        Map.of("wc", Map.of("lines", 12L))));
    r.job(new RunManifest.JobRun("top", "job_local1_0002", 300, true, Map.of()));
    r.note("resumed");
    assertTrue(r.written().isEmpty());

    RunManifest m = r.manifest(Map.of("mapreduce.job.reduces", "4"), START + 1500);
    assertEquals(new RunManifest("wordcount", "0.1.0", List.of("--top", "3", "in", "out"),
        Map.of("mapreduce.job.reduces", "4"),
        List.of(new RunManifest.Input("file:/in/a.txt", 100, START - 5),
            new RunManifest.Input("file:/in/b.txt", 7, START - 3)),
        List.of(new RunManifest.JobRun("count", "job_local1_0001", 900, true,
                Map.of("wc", Map.of("lines", 12L))),
            new RunManifest.JobRun("top", "job_local1_0002", 300, true, Map.of())),
        List.of("resumed"), 0, "2025-12-05T02:00:00Z", 1500), m);
    JsonNode j = new ObjectMapper().readTree(m.toJson());
    assertEquals("job_local1_0002", j.get("jobs").get(1).get("id").asText());
    assertEquals(12, j.get("jobs").get(0).get("counters").get("wc").get("lines").asLong());

    r.written("file:/out/_drover/manifest.json");
    assertEquals("file:/out/_drover/manifest.json", r.written().orElseThrow());
  }

  /** A job that failed and was retried (sql without broadcast joins) stays in the record. */
  @Test
  void failedJobsAreKeptInOrder() {
    RunRecorder r = new RunRecorder("sql", "unknown", List.of(), START);
    r.job(new RunManifest.JobRun("stage 1", "job_1", 10, false, Map.of()));
    r.job(new RunManifest.JobRun("stage 1", "job_2", 20, true, Map.of()));
    List<RunManifest.JobRun> jobs = r.manifest(Map.of(), START).jobs();
    assertEquals(List.of("job_1", "job_2"), jobs.stream().map(RunManifest.JobRun::id).toList());
    assertEquals(List.of(false, true),
        jobs.stream().map(RunManifest.JobRun::succeeded).toList());
    assertEquals(List.of(), r.manifest(Map.of(), START).inputs());
    assertEquals(List.of(), r.manifest(Map.of(), START).notes());
  }
}
