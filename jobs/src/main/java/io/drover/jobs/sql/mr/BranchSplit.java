package io.drover.jobs.sql.mr;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/** A file split of one of a stage's input branches: the branch's index, then the split. */
public class BranchSplit extends InputSplit implements Writable {
  private int branch;
  private FileSplit file;
  private boolean first;

  public BranchSplit() {}

  public BranchSplit(int branch, FileSplit file) {
    this(branch, file, false);
  }

  /** {@code first}: the branch's first split, whose task counts the broadcast sides' bad fields. */
  public BranchSplit(int branch, FileSplit file, boolean first) {
    this.branch = branch;
    this.file = file;
    this.first = first;
  }

  /** Whether this is its branch's first split (one task per branch reports once per query). */
  public boolean first() {
    return first;
  }

  public int branch() {
    return branch;
  }

  public FileSplit file() {
    return file;
  }

  @Override
  public long getLength() throws IOException {
    return file.getLength();
  }

  @Override
  public String[] getLocations() throws IOException {
    return file.getLocations();
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeVInt(out, branch);
    out.writeBoolean(first);
    Text.writeString(out, file.getPath().toString());
    out.writeLong(file.getStart());
    out.writeLong(file.getLength());
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    branch = WritableUtils.readVInt(in);
    first = in.readBoolean();
    Path p = new Path(Text.readString(in));
    long start = in.readLong();
    long length = in.readLong();
    file = new FileSplit(p, start, length, new String[0]);
  }

  @Override
  public String toString() {
    return "branch " + branch + " " + file;
  }
}
