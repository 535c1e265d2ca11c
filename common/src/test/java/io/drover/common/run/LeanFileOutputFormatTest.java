package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.common.testing.LocalConf;
import io.drover.common.testing.TestDirs;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormatCounter;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The oracle is Hadoop's own TextOutputFormat, run on the same job with the same codec. */
class LeanFileOutputFormatTest {
  static Job job(Configuration conf, Path in, Path out, boolean lean,
      Class<? extends CompressionCodec> codec) throws Exception {
    Job job = Job.getInstance(conf, "lean-" + lean);
    job.setMapperClass(Mapper.class);
    job.setNumReduceTasks(1);
    job.setOutputKeyClass(LongWritable.class);
    job.setOutputValueClass(Text.class);
    FileInputFormat.addInputPath(job, new org.apache.hadoop.fs.Path(in.toUri()));
    FileOutputFormat.setOutputPath(job, new org.apache.hadoop.fs.Path(out.toUri()));
    if (codec != null) {
      FileOutputFormat.setCompressOutput(job, true);
      FileOutputFormat.setOutputCompressorClass(job, codec);
    }
    if (lean) {
      LeanFileOutputFormat.use(job, TextOutputFormat.class);
    } else {
      job.setOutputFormatClass(TextOutputFormat.class);
    }
    return job;
  }

  /** Each part file's name and decompressed text. */
  static Map<String, String> parts(Configuration conf, Path out) throws Exception {
    Map<String, String> m = new TreeMap<>();
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        CompressionCodec c = codecs.getCodec(new org.apache.hadoop.fs.Path(p.toUri()));
        try (InputStream raw = Files.newInputStream(p);
            InputStream in = c == null ? raw : c.createInputStream(raw)) {
          m.put(p.getFileName().toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return m;
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "bzip2"})
  void writesWhatTextOutputFormatWritesWithAnyCodecAndCountsTheBytes(String codecName)
      throws Exception {
    Class<? extends CompressionCodec> codec = switch (codecName) {
      case "gzip" -> GzipCodec.class;
      case "bzip2" -> BZip2Codec.class;
      default -> null;
    };
    Path d = TestDirs.fresh("lean-" + codecName);
    Path in = Files.createDirectories(d.resolve("in"));
    Files.writeString(in.resolve("a.txt"), "alpha\nbeta\n\u00e9t\u00e9\n".repeat(1000));
    Configuration conf = LocalConf.create();
    Job ours = job(conf, in, d.resolve("lean"), true, codec);
    Job hadoops = job(conf, in, d.resolve("text"), false, codec);
    assertTrue(ours.waitForCompletion(false));
    assertTrue(hadoops.waitForCompletion(false));

    Map<String, String> expected = parts(conf, d.resolve("text"));
    assertEquals(expected, parts(conf, d.resolve("lean")));
    String name = expected.keySet().iterator().next();
    assertEquals(codec == null ? "part-r-00000" : "part-r-00000"
        + (codecName.equals("gzip") ? ".gz" : ".bz2"), name);
    assertEquals(List.of(name), List.copyOf(expected.keySet()));
    assertEquals(Files.size(d.resolve("lean").resolve(name)), ours.getCounters()
        .findCounter(FileOutputFormatCounter.BYTES_WRITTEN).getValue());
  }
}
