package io.drover.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.run.DroverTool;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestData;
import io.drover.common.testing.TestDirs;
import io.drover.jobs.aggregate.Aggregate;
import io.drover.jobs.gd.LogReg;
import io.drover.jobs.gd.Predict;
import io.drover.jobs.kmeans.KMeans;
import io.drover.jobs.kmeans.KMeansPredict;
import io.drover.jobs.wordcount.WordCount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run manifest ({@code _drover/manifest.json}) of each kind of program, on LocalJobRunner,
 * read back with Jackson: a one-job program, a chain of jobs, iterative runs written in place and
 * the programs that score with their models.
 */
class RunManifestLocalTest {
  Path work;
  Configuration conf;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirs.fresh("manifest");
    conf = LocalConf.create();
  }

  record Run(int code, String err) {}

  Run run(DroverTool tool, String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    tool.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code = ToolRunner.run(new Configuration(conf), tool, args);
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  /** The manifest of {@code out}, after checking the client's last line names it. */
  static JsonNode manifest(Run r, String program, Path out) throws Exception {
    assertEquals(0, r.code(), r.err());
    Path file = out.resolve("_drover/manifest.json");
    String last = r.err().lines().reduce((a, b) -> b).orElse("");
    assertEquals(program + ": run manifest: file:" + file, last);
    JsonNode m = new ObjectMapper().readTree(file.toFile());
    assertEquals(program, m.get("program").asText());
    assertEquals(0, m.get("exitStatus").asInt());
    assertTrue(m.get("wallMs").asLong() > 0, m.toString());
    // the run's own scratch is not how the output was made
    assertFalse(m.get("conf").has("drover.run.recorder"), m.toString());
    assertFalse(m.get("conf").has("drover.output.work.dir"), m.toString());
    return m;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static List<String> jobNames(JsonNode m) {
    List<String> out = new ArrayList<>();
    m.get("jobs").forEach(j -> {
      assertTrue(j.get("id").asText().startsWith("job_local"), j.toString());
      assertTrue(j.get("succeeded").asBoolean(), j.toString());
      out.add(j.get("name").asText());
    });
    return out;
  }

  static long counter(JsonNode job, String group, String name) {
    JsonNode g = job.get("counters").get(group);
    assertTrue(g != null && g.has(name), group + "/" + name + " in " + job.get("counters"));
    return g.get(name).asLong();
  }

  @Test
  void wordcountOneJob() throws Exception {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.writeString(in.resolve("a.txt"), "to be or\nnot to be\n");
    Files.writeString(in.resolve("b.txt"), "be\n");
    Path out = work.resolve("out");
    Run r = run(new WordCount(), "-D", "mapreduce.job.reduces=2", in.toString(), out.toString());
    JsonNode m = manifest(r, "wordcount", out);
    assertEquals(List.of(in.toString(), out.toString()), strings(m.get("args")));
    assertEquals("2", m.get("conf").get("mapreduce.job.reduces").asText());
    assertEquals(2, m.get("inputs").size());
    JsonNode a = m.get("inputs").get(0);
    assertEquals(in.resolve("a.txt").toUri().getPath(), java.net.URI.create(a.get("path")
        .asText()).getPath());
    assertEquals(19, a.get("bytes").asLong());
    assertEquals(Files.getLastModifiedTime(in.resolve("a.txt")).toMillis(),
        a.get("modifiedMs").asLong());
    assertEquals(3, m.get("inputs").get(1).get("bytes").asLong());
    assertEquals(List.of("drover wordcount"), jobNames(m));
    JsonNode job = m.get("jobs").get(0);
    assertEquals(3, counter(job, "io.drover.jobs.wordcount.WordCountCounters", "LINES"));
    assertEquals(7, counter(job, "io.drover.jobs.wordcount.WordCountCounters", "TOKENS"));
    // a reader of the output sees only the part files
    assertEquals(List.of("be\t3", "not\t1", "or\t1", "to\t2"), wordcountLines(out));
  }

  static List<String> wordcountLines(Path out) throws Exception {
    List<String> all = new ArrayList<>();
    try (var s = Files.list(out)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        all.addAll(Files.readAllLines(p));
      }
    }
    all.sort(null);
    return all;
  }

  @Test
  void aggregateWithOrderByTwoJobs() throws Exception {
    Path in = work.resolve("t.csv");
    StringBuilder csv = new StringBuilder("k,v\n");
    for (int i = 0; i < 50; i++) {
      csv.append("k").append(i % 4 == 0 ? 0 : i % 3).append(',').append(i).append('\n');
    }
    Files.writeString(in, csv);
    Path out = work.resolve("out");
    Run r = run(new Aggregate(), "--sql", "SELECT k, count(*) n FROM t GROUP BY k ORDER BY n DESC",
        in.toString(), out.toString());
    JsonNode m = manifest(r, "aggregate", out);
    assertEquals(1, m.get("inputs").size());
    assertEquals(Files.size(in), m.get("inputs").get(0).get("bytes").asLong());
    // aggregate runs on the sql compiler: a group-by stage, then the sort
    assertEquals(List.of("drover sql stage 1/2", "drover sql stage 2/2"), jobNames(m));
    assertEquals(50, counter(m.get("jobs").get(0), "io.drover.jobs.sql.mr.SqlCounters",
        "RECORDS_READ"));
    assertEquals(3, counter(m.get("jobs").get(1), "Map-Reduce Framework",
        "Map input records"));
  }

  @Test
  void logregTwoIterationsInPlaceThenPredict() throws Exception {
    Path in = work.resolve("train.svm");
    Files.write(in, Files.readAllLines(TestData.path("classification/a9a")).subList(0, 200));
    Path out = work.resolve("model");
    Run r = run(new LogReg(), "--max-iter", "2", "--tol", "0", in.toString(), out.toString());
    JsonNode m = manifest(r, "logreg", out);
    assertEquals(List.of("--max-iter", "2", "--tol", "0", in.toString(), out.toString()),
        strings(m.get("args")));
    assertEquals(Files.size(in), m.get("inputs").get(0).get("bytes").asLong());
    assertEquals(List.of("drover gd parse", "drover gd iteration 1", "drover gd iteration 2"),
        jobNames(m));
    assertEquals(200, counter(m.get("jobs").get(0), "io.drover.jobs.gd.mr.ParseMapper$Counters",
        "RECORDS"));
    for (int i = 1; i <= 2; i++) {
      assertEquals(200, counter(m.get("jobs").get(i),
          "io.drover.jobs.gd.mr.GradientMapper$Counters", "RECORDS"));
    }
    assertTrue(Files.exists(out.resolve("_SUCCESS")));

    // predict reads the model dir (its _drover/ is no model) and names model.json as an input
    Path preds = work.resolve("preds");
    Run p = run(new Predict(), out.toString(), in.toString(), preds.toString());
    JsonNode pm = manifest(p, "predict", preds);
    List<String> inputs = new ArrayList<>();
    pm.get("inputs").forEach(i -> inputs.add(java.net.URI.create(i.get("path").asText())
        .getPath()));
    assertEquals(List.of(in.toString(), out.resolve("model.json").toString()), inputs);
    assertEquals(Files.size(out.resolve("model.json")),
        pm.get("inputs").get(1).get("bytes").asLong());
    assertEquals(List.of("drover predict"), jobNames(pm));
    assertEquals(200, counter(pm.get("jobs").get(0), "Map-Reduce Framework",
        "Map output records"));
  }

  @Test
  void kmeansTwoIterationsInPlaceThenPredict() throws Exception {
    Path in = work.resolve("ccpp.csv");
    Files.write(in, Files.readAllLines(TestData.path("regression/ccpp.csv")).subList(0, 201));
    Path out = work.resolve("centers");
    Run r = run(new KMeans(), "--k", "2", "--max-iter", "2", "--tol", "0", in.toString(),
        out.toString());
    JsonNode m = manifest(r, "kmeans", out);
    assertEquals(Files.size(in), m.get("inputs").get(0).get("bytes").asLong());
    assertEquals(List.of("drover gd parse", "drover kmeans iteration 1",
        "drover kmeans iteration 2", "drover kmeans final assignment"), jobNames(m));
    for (int i = 1; i <= 3; i++) {
      assertEquals(200, counter(m.get("jobs").get(i),
          "io.drover.jobs.kmeans.mr.AssignMapper$Counters", "POINTS"));
    }
    Path clusters = work.resolve("clusters");
    Run p = run(new KMeansPredict(), out.toString(), in.toString(), clusters.toString());
    JsonNode pm = manifest(p, "kmeans-predict", clusters);
    List<String> inputs = new ArrayList<>();
    pm.get("inputs").forEach(i -> inputs.add(java.net.URI.create(i.get("path").asText())
        .getPath()));
    assertEquals(List.of(in.toString(), out.resolve("centers.json").toString()), inputs);
    assertEquals(List.of("drover kmeans-predict"), jobNames(pm));
  }

  @Test
  void pagerankIterationsInPlace() throws Exception {
    Path in = work.resolve("edges.tsv");
    Files.writeString(in, "a\tb\nb\tc\nc\ta\nc\tb\nd\ta\n");
    Path out = work.resolve("ranks");
    Run r = run(new io.drover.jobs.pagerank.PageRank(), "--max-iter", "2", in.toString(),
        out.toString());
    JsonNode m = manifest(r, "pagerank", out);
    assertEquals(List.of("--max-iter", "2", in.toString(), out.toString()), strings(m.get("args")));
    assertEquals(1, m.get("inputs").size());
    assertEquals(Files.size(in), m.get("inputs").get(0).get("bytes").asLong());
    List<String> names = jobNames(m);
    assertEquals("drover pagerank graph", names.get(0), names.toString());
    assertTrue(names.size() >= 3, "the graph job and two iterations: " + names);
    assertEquals(5, counter(m.get("jobs").get(0), "Map-Reduce Framework", "Map input records"));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void linregTwoIterationsInPlace() throws Exception {
    Path in = work.resolve("ccpp.csv");
    Files.write(in, Files.readAllLines(TestData.path("regression/ccpp.csv")).subList(0, 201));
    Path out = work.resolve("model");
    Run r = run(new io.drover.jobs.gd.LinReg(), "--max-iter", "2", "--tol", "0", "--label",
        "energy", in.toString(), out.toString());
    JsonNode m = manifest(r, "linreg", out);
    assertEquals(Files.size(in), m.get("inputs").get(0).get("bytes").asLong());
    assertEquals(List.of("drover gd parse", "drover gd iteration 1", "drover gd iteration 2"),
        jobNames(m));
    for (int i = 1; i <= 2; i++) {
      assertEquals(200, counter(m.get("jobs").get(i),
          "io.drover.jobs.gd.mr.GradientMapper$Counters", "RECORDS"));
    }
  }
}
