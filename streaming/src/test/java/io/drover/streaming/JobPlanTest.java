package io.drover.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.cli.UsageException;
import io.drover.common.io.PrefixSortingBuffer;
import io.drover.common.run.InputPacking;
import io.drover.common.run.Jobs;
import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import io.drover.streaming.conf.StreamingKeys;
import io.drover.streaming.input.PackedStreamInputFormat;
import io.drover.streaming.task.StreamMapRunner;
import io.drover.streaming.task.StreamReducer;
import io.drover.streaming.task.TaskSupport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.hadoop.mapred.lib.IdentityMapper;
import org.apache.hadoop.mapred.lib.IdentityReducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job {@code drover streaming} submits, built the way the tool builds it. */
class JobPlanTest {
  private static Path dir;
  private static String input;

  @BeforeAll
  static void writeOneSmallInput() throws Exception {
    Path in = Files.writeString(TestDirs.fresh("plan").resolve("in.txt"), "a b\nc\n");
    input = in.toString();
    dir = in.getParent();
  }

  private static JobPlan plan(Configuration conf, String... args) throws Exception {
    return JobPlan.createJob(conf, StreamingOptions.parse(args));
  }

  private static JobPlan plan(String... args) throws Exception {
    return plan(LocalConf.create(), args);
  }

  private static final String SPLIT_MAX = "mapreduce.input.fileinputformat.split.maxsize";

  @Test
  void commandsWithAReducePhaseArePackedWithTheSplitSizeSet() throws Exception {
    JobPlan p = plan("-input", input, "-output", "o", "-mapper", "cat", "-reducer", "wc -l");
    JobConf job = p.job();
    assertEquals(PackedStreamInputFormat.class, job.getInputFormat().getClass());
    assertEquals(InputPacking.splitBytes(job, p.inputs(), StreamingKeys.PACKED_SPLITS_PER_SLOT),
        job.getLong(SPLIT_MAX, -1));
    assertEquals(StreamMapRunner.class, job.getMapRunnerClass());
    assertEquals(StreamReducer.class, job.getReducerClass());
    assertEquals("cat", TaskSupport.command(job, StreamingKeys.MAP_COMMAND));
    assertEquals("wc -l", TaskSupport.command(job, StreamingKeys.REDUCE_COMMAND));
    assertEquals(1, p.inputs().size());

    Configuration conf = LocalConf.create();
    conf.setLong(InputPacking.SPLIT_MAX_BYTES, 1234);
    assertEquals(1234, plan(conf, "-input", input, "-output", "o", "-mapper", "cat")
        .job().getLong(SPLIT_MAX, -1));
  }

  @Test
  void mapOnlyJobsAndPackFalseKeepOneSplitPerFileAsHadoop() throws Exception {
    JobConf mapOnly =
        plan("-input", input, "-output", "o", "-mapper", "cat", "-reducer", "NONE").job();
    assertEquals(TextInputFormat.class, mapOnly.getInputFormat().getClass());
    assertEquals(0, mapOnly.getNumReduceTasks());
    assertEquals(-1, mapOnly.getLong(SPLIT_MAX, -1));
    Configuration conf = LocalConf.create();
    conf.setBoolean(StreamingKeys.PACK, false);
    assertEquals(TextInputFormat.class,
        plan(conf, "-input", input, "-output", "o", "-mapper", "cat").job().getInputFormat()
            .getClass());
  }

  @Test
  void theReduceReadsItsInputFromMemoryUnlessTheUserSaysOtherwise() throws Exception {
    String key = Jobs.REDUCE_INPUT_BUFFER;
    Configuration stock = new Configuration(); // Hadoop's defaults only, as under `hadoop jar`
    assertEquals("0.0", stock.get(key));
    assertEquals("0.5", plan(stock, "-input", input, "-output", "o", "-mapper", "cat",
        "-reducer", "cat").job().get(key));
    // Hadoop Streaming's default reducer, the identity, too
    assertEquals("0.5", plan(stock, "-input", input, "-output", "o", "-mapper", "cat")
        .job().get(key));
    assertEquals("0.2", plan(stock, "-jobconf", key + "=0.2", "-input", input, "-output", "o",
        "-mapper", "cat", "-reducer", "cat").job().get(key));
    Configuration users = new Configuration();
    users.set(key, "0.1");
    assertEquals("0.1", plan(users, "-input", input, "-output", "o", "-mapper", "cat",
        "-reducer", "cat").job().get(key));
    // no reduce, or a reducer class of the user's, which may want its heap: Hadoop's default
    assertEquals("0.0", plan(stock, "-input", input, "-output", "o", "-mapper", "cat",
        "-reducer", "NONE").job().get(key));
    assertEquals("0.0", plan(stock, "-input", input, "-output", "o", "-mapper", "cat",
        "-reducer", IdentityReducer.class.getName()).job().get(key));
  }

  @Test
  void aReducePhaseSortsItsMapOutputWithKeyPrefixesUnlessTheUserChoseAnotherCollector()
      throws Exception {
    String collector = "mapreduce.job.map.output.collector.class";
    JobConf job = plan("-input", input, "-output", "o", "-mapper", "cat", "-reducer", "cat").job();
    assertEquals(PrefixSortingBuffer.class.getName(), job.get(collector));
    assertEquals(PrefixSortingBuffer.Sorter.class.getName(), job.get("map.sort.class"));
    assertTrue(PrefixSortingBuffer.applies(job));
    String hadoops = "org.apache.hadoop.mapred.MapTask$MapOutputBuffer"; // mapred-default.xml
    assertEquals(hadoops, plan("-input", input, "-output", "o", "-mapper", "cat", "-reducer",
        "NONE").job().get(collector));
    assertEquals(hadoops, plan("-jobconf", collector + "=" + hadoops, "-input", input,
        "-output", "o", "-mapper", "cat", "-reducer", "cat").job().get(collector));
    // a key comparator of the user's: Hadoop's comparisons only
    assertFalse(PrefixSortingBuffer.applies(plan("-jobconf",
        "mapreduce.job.output.key.comparator.class="
            + "org.apache.hadoop.mapred.lib.KeyFieldBasedComparator", "-input", input,
        "-output", "o", "-mapper", "cat", "-reducer", "cat").job()));
  }

  @Test
  void aClassRunsAsItselfAndAWrongOneNamesTheFlag() throws Exception {
    JobConf job = plan("-input", input, "-output", "o", "-mapper",
        IdentityMapper.class.getName(), "-reducer", "NONE").job();
    assertEquals(IdentityMapper.class, job.getMapperClass());
    assertNull(job.get(StreamingKeys.MAP_COMMAND));
    assertEquals("option -reducer: java.lang.String is not an org.apache.hadoop.mapred.Reducer"
        + " (Hadoop Streaming uses the old org.apache.hadoop.mapred API)",
        assertThrows(UsageException.class, () -> plan("-input", input, "-output", "o",
            "-mapper", "cat", "-reducer", "java.lang.String")).getMessage());
    assertEquals("option -partitioner: class not found: com.example.Nope",
        assertThrows(UsageException.class, () -> plan("-input", input, "-output", "o",
            "-mapper", "cat", "-partitioner", "com.example.Nope")).getMessage());
    assertTrue(assertThrows(UsageException.class, () -> plan("-input",
        dir.resolve("missing").toString(), "-output", "o", "-mapper", "cat")).getMessage()
        .startsWith("input path does not exist: "));
  }

  @Test
  void aShippedProgramRunsByItsBareName() throws Exception {
    Path script = Files.writeString(dir.resolve("m.py"), "print(1)\n");
    JobConf job = plan("-file", script.toString(), "-input", input, "-output", "o",
        "-mapper", script + " --flag").job();
    assertEquals("m.py --flag", TaskSupport.command(job, StreamingKeys.MAP_COMMAND));
    assertEquals(Map.of("m.py", script.toFile()), Shipping.shippedFiles(job));
    assertEquals("option -file: no such local file: " + dir.resolve("nope.py"),
        assertThrows(UsageException.class, () -> plan("-file", dir.resolve("nope.py").toString(),
            "-input", input, "-output", "o", "-mapper", "cat")).getMessage());
    assertEquals("cat", Shipping.unqualify("cat", Map.of(script.toRealPath().toString(),
        new File("x"))));
    assertEquals(List.of(), List.copyOf(Shipping.shippedFiles(new Configuration(false))
        .keySet()));
  }
}
