package io.drover.jobs.kmeans.mr;

import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;

/**
 * The reducer's grouping: keys of one center ({@link KMeansJobs#key}: the center's 9 digits, a
 * space, the chunk) are one group, compared on the serialized bytes (a Text is its length as a
 * vint, then its bytes). The sort is Text's own, the whole key, so a group's values arrive in chunk
 * order.
 */
public class CenterGrouping extends WritableComparator {
  public CenterGrouping() {
    super(Text.class);
  }

  @Override
  public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
    int n1 = WritableUtils.decodeVIntSize(b1[s1]);
    int n2 = WritableUtils.decodeVIntSize(b2[s2]);
    return compareBytes(
        b1, s1 + n1, Math.min(KMeansJobs.CENTER_DIGITS, l1 - n1),
        b2, s2 + n2, Math.min(KMeansJobs.CENTER_DIGITS, l2 - n2));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public int compare(WritableComparable a, WritableComparable b) {
    Text x = (Text) a;
    Text y = (Text) b;
    return compareBytes(
        x.getBytes(), 0, Math.min(KMeansJobs.CENTER_DIGITS, x.getLength()),
        y.getBytes(), 0, Math.min(KMeansJobs.CENTER_DIGITS, y.getLength()));
  }
}
