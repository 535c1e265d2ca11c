package io.drover.jobs.aggregate.mr;

import io.drover.common.run.BadInputException;
import io.drover.common.run.PackedTextInputFormat;
import io.drover.jobs.aggregate.input.CsvRecords;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormatCounter;

/**
 * CSV input read as records, not lines ({@link CsvRecords}): a quoted field may hold line breaks.
 * Keys are the byte offset of the record in its file, values the record's bytes (line breaks
 * inside quoted fields kept, the one that ends it dropped). Small files are packed as by
 * {@link PackedTextInputFormat}; compressed files are read whole by one task.
 *
 * <p><b>Splits.</b> A record belongs to the split that holds its first byte; the reader of a
 * split reads on past its end to finish its last record. A reader that starts inside a file must
 * find where its first record starts, and that depends on every quote before it: no local test
 * can tell whether a line break is inside a quoted field, since a quoted field can hold anything.
 * So a reader whose split starts at byte {@code s} within
 * {@link AggregateConf#CSV_EXACT_PREFIX_BYTES} (1 GiB) of the file's start reads the bytes
 * before {@code s}: when none of them is a quote,
 * no quoted field can be open at {@code s} and the record that holds byte {@code s - 1} ends at
 * the next line break outside quotes; otherwise it runs the record automaton from the file's
 * start (no fields decoded) up to {@code s}. Either way every reader sees the boundaries a single
 * reader of the whole file would, for any input, well-formed or not. The cost is reading the bytes
 * before the split: on a local disk a sequential scan of cached bytes for a quote (flights-3m's
 * second split scans its 48 MB prefix so), but summed over the splits it grows with the square of
 * a file's size, and on a cluster those bytes come over the network. So a split
 * that starts beyond the bound does not read back: it assumes no quoted field is open at
 * {@code s - 1}, and the reader of the split before it, which knows the true boundary because it
 * reads that record to its end, checks the assumption and fails the task with a message naming
 * the file and offset when a quoted line break straddles the boundary. A result is never built on
 * a wrong boundary; raising the bound (or {@code drover.input.split.max-bytes}) lifts the failure.
 */
public class CsvInputFormat extends PackedTextInputFormat {
  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return new CompressionCodecFactory(context.getConfiguration()).getCodec(file) == null;
  }

  @Override
  public RecordReader<LongWritable, Text> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    return new Reader();
  }

  /**
   * A reader of the CSV records of a {@link CombineFileSplit} (a single file range is one too)
   * whose fields are split at {@code delimiter}, whatever {@link AggregateConf#DELIMITER} says:
   * the sql program's CSV tables, each with its own separator, read through it.
   */
  public static RecordReader<LongWritable, Text> reader(char delimiter) {
    return new Reader(delimiter);
  }

  /** Reads the records of each file range of a packed split in turn. */
  static final class Reader extends RecordReader<LongWritable, Text> {
    /** The delimiter when given, else {@link AggregateConf#DELIMITER}'s. */
    private final Character given;
    private CombineFileSplit split;
    private Configuration conf;
    private org.apache.hadoop.mapreduce.Counter bytesRead; // FileInputFormat.Counter shadows it
    private char delimiter;
    private int maxRecordBytes;
    private int bufferBytes;
    private long exactPrefix;
    private int chunk = -1;
    private InputStream stream;
    private CsvRecords records;
    private Path path;
    private long chunkStart;
    private long chunkEnd;
    private long fileLength;
    private boolean compressed;
    private boolean chunkDone;
    private long doneBytes;
    private long totalBytes;
    private final LongWritable key = new LongWritable();
    private final Text value = new Text();

    Reader() {
      this(null);
    }

    Reader(Character delimiter) {
      this.given = delimiter;
    }

    @Override
    public void initialize(InputSplit s, TaskAttemptContext context) throws IOException {
      split = (CombineFileSplit) s;
      conf = context.getConfiguration();
      bytesRead = context.getCounter(FileInputFormatCounter.BYTES_READ);
      delimiter = given != null ? given : conf.get(AggregateConf.DELIMITER, ",").charAt(0);
      maxRecordBytes = conf.getInt(AggregateConf.CSV_MAX_RECORD_BYTES,
          AggregateConf.CSV_MAX_RECORD_BYTES_DEFAULT);
      bufferBytes = conf.getInt(AggregateConf.CSV_BUFFER_BYTES,
          AggregateConf.CSV_BUFFER_BYTES_DEFAULT);
      exactPrefix = conf.getLong(AggregateConf.CSV_EXACT_PREFIX_BYTES,
          AggregateConf.CSV_EXACT_PREFIX_BYTES_DEFAULT);
      totalBytes = Math.max(1, split.getLength());
    }

    /** The next record; a read error names its file (a truncated .gz says so). */
    @Override
    public boolean nextKeyValue() throws IOException {
      try {
        return readNext();
      } catch (IOException e) {
        throw path == null ? e : BadInputException.reading(path.toString(), e);
      }
    }

    private boolean readNext() throws IOException {
      while (true) {
        if (records == null || chunkDone) {
          closeChunk();
          if (!openNext()) {
            return false;
          }
        }
        if (!records.next()) {
          chunkDone = true;
          continue;
        }
        long start = records.start();
        if (start < chunkStart) {
          continue; // the end of a record that the split before this one reads
        }
        if (start >= chunkEnd) {
          chunkDone = true; // only when the chunk holds no record start at all
          continue;
        }
        if (records.end() >= chunkEnd) {
          chunkDone = true; // this record is the last one that starts in the range
          if (!compressed && chunkEnd < fileLength && chunkEnd > exactPrefix) {
            checkNextStart();
          }
        }
        key.set(start);
        value.set(records.buffer(), records.offset(), records.length());
        return true;
      }
    }

    /**
     * The reader of the next range assumes no quoted field is open at its first byte; the true
     * boundary is where this record ends. They must agree, or records would be lost or doubled.
     */
    private void checkNextStart() throws IOException {
      long from = chunkEnd - 1;
      byte[] b = records.buffer();
      if (!CsvRecords.agreesWithUnquotedStart(b, records.indexOf(from), records.filled(),
          records.indexOf(records.end()), records.end() == fileLength, delimiter)) {
        throw new BadInputException(String.format("CSV file %s: a quoted field with a line break "
            + "crosses byte %,d, where a split of the file starts %s bytes or more from its "
            + "start; the reader of that split cannot find its first record without reading the "
            + "file from the start. Raise -D %s above the file size (exact, reads back) or "
            + "-D drover.input.split.max-bytes to read the file in one task", path, chunkEnd,
            exactPrefix, AggregateConf.CSV_EXACT_PREFIX_BYTES), null);
      }
    }

    private boolean openNext() throws IOException {
      if (++chunk >= split.getNumPaths()) {
        return false;
      }
      path = split.getPath(chunk);
      long offset = split.getOffset(chunk);
      long length = split.getLength(chunk);
      // ranges of one file that follow each other in the split are read as one
      while (chunk + 1 < split.getNumPaths() && split.getPath(chunk + 1).equals(path)
          && split.getOffset(chunk + 1) == offset + length) {
        chunk++;
        length += split.getLength(chunk);
      }
      conf.set(MRJobConfig.MAP_INPUT_FILE, path.toString());
      conf.setLong(MRJobConfig.MAP_INPUT_START, offset);
      conf.setLong("mapreduce.map.input.length", length);
      FileSystem fs = path.getFileSystem(conf);
      fileLength = fs.getFileStatus(path).getLen();
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      compressed = codec != null;
      chunkStart = offset;
      chunkEnd = offset + length;
      chunkDone = false;
      FSDataInputStream in = fs.open(path);
      stream = in;
      if (compressed) {
        stream = codec.createInputStream(in);
        chunkStart = 0;
        chunkEnd = Long.MAX_VALUE;
        records = CsvRecords.fromStart(stream, delimiter, maxRecordBytes, bufferBytes);
      } else if (offset == 0) {
        records = CsvRecords.fromStart(in, delimiter, maxRecordBytes, bufferBytes);
      } else if (offset <= exactPrefix && quoteBefore(in, offset)) {
        in.seek(0);
        records = CsvRecords.fromStart(in, delimiter, maxRecordBytes, bufferBytes);
      } else {
        in.seek(offset - 1);
        records = CsvRecords.fromUnquoted(in, offset - 1, delimiter, maxRecordBytes, bufferBytes);
      }
      return true;
    }

    /** Whether any of the first {@code n} bytes of {@code in} (at 0) is a quote. */
    private static boolean quoteBefore(InputStream in, long n) throws IOException {
      byte[] b = new byte[1 << 20];
      long left = n;
      while (left > 0) {
        int r = in.read(b, 0, (int) Math.min(b.length, left));
        if (r < 0) {
          return false;
        }
        for (int i = 0; i < r; i++) {
          if (b[i] == '"') {
            return true;
          }
        }
        left -= r;
      }
      return false;
    }

    private void closeChunk() throws IOException {
      if (stream != null) {
        stream.close();
        stream = null;
        long len = compressed ? split.getLength(chunk) : chunkEnd - chunkStart;
        if (bytesRead != null) { // null where no task reports (a bare TaskAttemptContext)
          bytesRead.increment(len);
        }
        doneBytes += len;
      }
      records = null;
    }

    @Override
    public LongWritable getCurrentKey() {
      return key;
    }

    @Override
    public Text getCurrentValue() {
      return value;
    }

    @Override
    public float getProgress() {
      long inChunk = records == null || compressed ? 0
          : Math.max(0, Math.min(chunkEnd, records.end()) - chunkStart);
      return Math.min(1f, (doneBytes + inChunk) / (float) totalBytes);
    }

    @Override
    public void close() throws IOException {
      closeChunk();
    }
  }
}
