package io.drover.jobs.kmeans;

import io.drover.common.run.InputPacking;
import io.drover.common.cli.UsageException;
import io.drover.common.iterate.CheckpointStore;
import io.drover.jobs.JobJar;
import io.drover.jobs.aggregate.input.BadRecordException;
import io.drover.jobs.gd.Scoring;
import io.drover.jobs.gd.data.CsvHeader;
import io.drover.jobs.gd.data.CsvParser;
import io.drover.jobs.gd.mr.CsvFiles;
import io.drover.jobs.gd.mr.GdJobs;
import io.drover.jobs.gd.mr.GdKeys;
import io.drover.jobs.gd.mr.ScoringMapper;
import io.drover.jobs.gd.mr.WholeFileInputFormat;
import io.drover.jobs.kmeans.mr.KMeansKeys;
import io.drover.jobs.kmeans.mr.ScoreMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/** What kmeans-predict and kmeans-evaluate share: the model, the input, the job's mapper side. */
final class KMeansScoring {
  private KMeansScoring() {}

  /** MODEL is a kmeans output dir (holding centers.json) or the centers.json file. */
  static KMeansModel model(Configuration conf, String arg) throws IOException, UsageException {
    Path p = modelFile(conf, arg);
    FileSystem fs = p.getFileSystem(conf);
    try (FSDataInputStream in = fs.open(p)) {
      return KMeansModel.read(in, p.toString());
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          "MODEL "
              + p
              + " is not a kmeans centers.json ("
              + e.getMessage()
              + "); give the output dir of a finished kmeans run");
    }
  }

  /** The centers.json file MODEL names (itself, or in the kmeans output dir it is), qualified. */
  static Path modelFile(Configuration conf, String arg) throws IOException, UsageException {
    Path p = new Path(arg);
    FileSystem fs = p.getFileSystem(conf);
    if (!fs.exists(p)) {
      throw new UsageException("MODEL " + fs.makeQualified(p) + " does not exist");
    }
    if (fs.getFileStatus(p).isDirectory()) {
      p = new Path(p, CentersFile.CENTERS);
      if (!fs.exists(p)) {
        throw new UsageException(
            "MODEL "
                + fs.makeQualified(p.getParent())
                + " holds no centers.json (is it a"
                + " finished kmeans output?)");
      }
    }
    return fs.makeQualified(p);
  }

  /**
   * How a CSV model's input files begin: as --header, --no-header or --ignore-header said (read
   * into {@code conf} by {@link Scoring#headerFlags}, predict's and evaluate's flags), else as the
   * model was trained.
   */
  static CsvHeader header(Configuration conf, KMeansModel m) {
    return CsvHeader.of(conf.get(ScoringMapper.HEADER, m.csvHeader().word()));
  }

  /** The input files, sorted; for a CSV model each header must hold the model's columns. */
  static List<Path> inputs(Configuration conf, KMeansModel m, List<String> args)
      throws IOException, UsageException {
    List<Path> files = InputPacking.sortedFiles(conf, args.stream().map(Path::new).toList());
    if (m.featureNames() == null) {
      return files;
    }
    CsvHeader h = header(conf, m);
    for (Path f : files) {
      String header = CsvFiles.header(conf, f, h);
      if (header == null) {
        continue;
      }
      List<String> names;
      try {
        names = CsvParser.fields(header);
      } catch (BadRecordException e) {
        throw new UsageException(f + " line 1: " + e.getMessage() + "; nothing was written");
      }
      List<String> missing = new ArrayList<>(m.featureNames());
      missing.removeAll(names);
      if (!missing.isEmpty()) {
        throw new UsageException(
            f
                + " line 1: the model's column(s) "
                + String.join(", ", missing)
                + " are not in the header (the model reads "
                + String.join(",", m.featureNames())
                + "; the file has "
                + String.join(",", names)
                + "); nothing was written");
      }
    }
    return files;
  }

  /**
   * The mapper side of a scoring job: {@link ScoreMapper} over whole files, the model's centers and
   * standardization written into {@code scratch} for the tasks.
   */
  static void configure(Configuration conf, Job job, KMeansModel m, List<Path> files, Path scratch)
      throws IOException {
    JobJar.use(job);
    GdJobs.pollQuickly(job.getConfiguration());
    FileSystem fs = scratch.getFileSystem(conf);
    Path state = new Path(scratch, "centers.bin");
    try (OutputStream out = fs.create(state, true)) {
      CheckpointStore.writeState(out, m.centers().state());
    }
    Configuration jc = job.getConfiguration();
    jc.set(KMeansKeys.STATE, fs.makeQualified(state).toString());
    jc.setInt(KMeansKeys.K, m.centers().k());
    if (!m.standardization().isIdentity()) {
      Path scaling = new Path(scratch, "scaling");
      try (OutputStream out = fs.create(scaling, true)) {
        CheckpointStore.writeState(out, m.standardization().mean());
        CheckpointStore.writeState(out, m.standardization().std());
      }
      jc.set(GdKeys.SCALING, fs.makeQualified(scaling).toString());
      jc.setBoolean(GdKeys.CENTER, true);
    }
    jc.set(ScoreMapper.FORMAT, m.featureNames() == null ? "libsvm" : "csv");
    if (m.featureNames() != null) {
      jc.set(ScoreMapper.FEATURES, String.join(",", m.featureNames()));
      if (m.impute() != null) {
        jc.set(
            ScoreMapper.IMPUTE,
            java.util.Arrays.stream(m.impute())
                .mapToObj(Double::toString)
                .collect(java.util.stream.Collectors.joining(",")));
      }
      jc.set(ScoringMapper.HEADER, header(conf, m).word());
    }
    jc.setStrings(GdKeys.FILES, files.stream().map(Path::toString).toArray(String[]::new));
    job.setInputFormatClass(WholeFileInputFormat.class);
    FileInputFormat.setInputPaths(job, files.toArray(new Path[0]));
    job.setMapperClass(ScoreMapper.class);
  }
}
