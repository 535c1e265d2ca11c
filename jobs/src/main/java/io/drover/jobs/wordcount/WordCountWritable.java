package io.drover.jobs.wordcount;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableUtils;

/** A (word, count) key sorted in the --top order: count descending, then word bytes ascending. */
public class WordCountWritable implements WritableComparable<WordCountWritable> {
  private final Text word = new Text();
  private long count;

  public WordCountWritable() {}

  public WordCountWritable(byte[] word, long count) {
    set(word, count);
  }

  public final void set(byte[] w, long c) {
    word.set(w);
    count = c;
  }

  public Text word() {
    return word;
  }

  public long count() {
    return count;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeVLong(out, count);
    word.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    count = WritableUtils.readVLong(in);
    word.readFields(in);
  }

  @Override
  public int compareTo(WordCountWritable o) {
    int c = Long.compare(o.count, count);
    return c != 0 ? c : word.compareTo(o.word);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WordCountWritable w && compareTo(w) == 0;
  }

  @Override
  public int hashCode() {
    return word.hashCode() * 31 + Long.hashCode(count);
  }

  @Override
  public String toString() {
    return word + "\t" + count;
  }
}
