package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunManifestTest {
  @Test
  void onlyNonDefaultSettingsAndSecretsMasked() {
    Map<String, String> defaults = Map.of("a", "1", "b", "2");
    Map<String, String> effective = Map.of("a", "1", "b", "3", "c", "x",
        "fs.s3a.secret.key", "hunter2", "ssl.server.keystore.password", "pw");
    assertEquals(Map.of("b", "3", "c", "x", "fs.s3a.secret.key", "<masked>",
        "ssl.server.keystore.password", "<masked>"),
        RunManifest.nonDefaults(effective, defaults));
    assertEquals(List.of("b", "c", "fs.s3a.secret.key", "ssl.server.keystore.password"),
        List.copyOf(RunManifest.nonDefaults(effective, defaults).keySet()));
  }

  /** Read back with Jackson's tree model, field by field: what a user's script would read. */
  @Test
  void jsonHoldsEveryFact() throws Exception {
    RunManifest m = new RunManifest("streaming", "0.1.0-SNAPSHOT",
        List.of("-input", "in \"quoted\"", "-output", "out"), Map.of("mapreduce.job.reduces", "2"),
        List.of(new RunManifest.Input("file:/data/in.txt", 31102, 1764900000000L)),
        List.of(new RunManifest.JobRun("wc", "job_1764900000000_0001", 1234, true,
            Map.of("wc stats", Map.of("lines", 3000L)))),
        List.of("resumed"), 0, "2026-12-05T03:00:00Z", 1500);
    JsonNode j = new ObjectMapper().readTree(m.toJson());
    assertEquals("streaming", j.get("program").asText());
    assertEquals("in \"quoted\"", j.get("args").get(1).asText());
    assertEquals("2", j.get("conf").get("mapreduce.job.reduces").asText());
    assertEquals(31102, j.get("inputs").get(0).get("bytes").asLong());
    assertEquals(1764900000000L, j.get("inputs").get(0).get("modifiedMs").asLong());
    JsonNode job = j.get("jobs").get(0);
    assertEquals("job_1764900000000_0001", job.get("id").asText());
    assertEquals(3000, job.get("counters").get("wc stats").get("lines").asLong());
    assertEquals("resumed", j.get("notes").get(0).asText());
    assertEquals(0, j.get("exitStatus").asInt());
    assertEquals(1500, j.get("wallMs").asLong());
  }

  /** The oracle: Jackson's object mapper, as the manifest was written before, byte for byte. */
  @Test
  void jsonIsWhatJacksonsObjectMapperWrites() throws Exception {
    Map<String, String> conf = new java.util.TreeMap<>(Map.of("a.b", "1", "c", "x\ty\u00e9\u0001"));
    Map<String, Map<String, Long>> counters = new java.util.LinkedHashMap<>();
    counters.put("File System Counters", new java.util.LinkedHashMap<>(
        Map.of("FILE: Number of bytes read", 35726206L)));
    counters.put("empty", Map.of());
    RunManifest m = new RunManifest("streaming", null, List.of("-input", "in \"q\" \\ /"),
        conf, List.of(new RunManifest.Input("file:/d/a.txt", 1, 2),
            new RunManifest.Input("file:/d/b.txt", Long.MAX_VALUE, -1)),
        List.of(new RunManifest.JobRun("wc", "job_1_0001", 3, true, counters),
            new RunManifest.JobRun("second", "job_1_0002", 4, false, Map.of())),
        List.of(), 0, "2026-12-07T03:00:00Z", 5);
    for (RunManifest r : List.of(m, new RunManifest("p", "v", List.of(), Map.of(), List.of(),
        List.of(), List.of("a note"), 0, "t", 0))) {
      Map<String, Object> fields = new java.util.LinkedHashMap<>();
      fields.put("program", r.program());
      fields.put("version", r.version());
      fields.put("args", r.args());
      fields.put("startedAt", r.startedAt());
      fields.put("wallMs", r.wallMs());
      fields.put("exitStatus", r.exitStatus());
      fields.put("conf", r.conf());
      fields.put("inputs", r.inputs());
      fields.put("jobs", r.jobs());
      fields.put("notes", r.notes());
      String want = new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(fields) + "\n";
      assertEquals(want, r.toJson());
    }
  }
}
