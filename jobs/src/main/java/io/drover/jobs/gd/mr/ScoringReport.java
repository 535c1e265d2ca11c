package io.drover.jobs.gd.mr;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.BitSet;

/**
 * What a LIBSVM scoring task tells its client besides its output: which of the model's features
 * its records hold, and the first record (if any) with a feature index beyond the model, where it
 * stopped. Written as {@code _scoring-NNNNN} into the job's output by the task's committer.
 */
public final class ScoringReport {
  /** Name prefix of the report files in the job's output dir. */
  public static final String PREFIX = "_scoring-";

  /** The model's number of features. */
  public final int dimension;

  /** The model's features (0-based) that appeared in a record with any value. */
  public final BitSet seen = new BitSet();

  /** Byte offset of the task's split in its file (0: the line count is the file's). */
  public long splitStart;

  /** The first record beyond the model: its file, byte offset, line in the split, index. */
  public String badFile;

  public long badOffset = -1;
  public long badLine;
  public int badIndex;

  public ScoringReport(int dimension) {
    this.dimension = dimension;
  }

  void bad(String file, long offset, long line, int index) {
    badFile = file;
    badOffset = offset;
    badLine = line;
    badIndex = index;
  }

  public boolean hasBad() {
    return badOffset >= 0;
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(dimension);
    long[] bits = seen.toLongArray();
    out.writeInt(bits.length);
    for (long b : bits) {
      out.writeLong(b);
    }
    out.writeLong(splitStart);
    out.writeBoolean(hasBad());
    if (hasBad()) {
      out.writeUTF(badFile);
      out.writeLong(badOffset);
      out.writeLong(badLine);
      out.writeInt(badIndex);
    }
  }

  public static ScoringReport read(DataInput in) throws IOException {
    ScoringReport r = new ScoringReport(in.readInt());
    long[] bits = new long[in.readInt()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = in.readLong();
    }
    r.seen.or(BitSet.valueOf(bits));
    r.splitStart = in.readLong();
    if (in.readBoolean()) {
      r.bad(in.readUTF(), in.readLong(), in.readLong(), in.readInt());
    }
    return r;
  }
}
