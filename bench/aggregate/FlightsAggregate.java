// The benchmark peer: Hadoop's own aggregate package (ValueAggregatorJob) computing
// count(*), sum(delay), min(delay), max(delay) per origin of flights CSV. Compiled and run by
// bench/aggregate.sh; not part of the build.
import java.util.ArrayList;
import java.util.Map;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.aggregate.ValueAggregatorBaseDescriptor;
import org.apache.hadoop.mapreduce.lib.aggregate.ValueAggregatorDescriptor;
import org.apache.hadoop.mapreduce.lib.aggregate.ValueAggregatorJob;

public class FlightsAggregate {
  /** Emits, per data line (date,delay,distance,origin,destination), one entry per aggregate. */
  public static class Descriptor extends ValueAggregatorBaseDescriptor {
    @Override
    public ArrayList<Map.Entry<Text, Text>> generateKeyValPairs(Object key, Object val) {
      ArrayList<Map.Entry<Text, Text>> out = new ArrayList<>();
      String[] f = val.toString().split(",");
      if (f.length != 5 || f[0].equals("date")) {
        return out;
      }
      String origin = f[3];
      String delay = f[1];
      out.add(generateEntry(LONG_VALUE_SUM, "count\t" + origin, ONE));
      out.add(generateEntry(LONG_VALUE_SUM, "sum\t" + origin, new Text(delay)));
      out.add(generateEntry(LONG_VALUE_MIN, "min\t" + origin, new Text(delay)));
      out.add(generateEntry(LONG_VALUE_MAX, "max\t" + origin, new Text(delay)));
      return out;
    }
  }

  public static void main(String[] args) throws Exception {
    @SuppressWarnings("unchecked")
    Class<? extends ValueAggregatorDescriptor>[] descriptors = new Class[] {Descriptor.class};
    Job job = ValueAggregatorJob.createValueAggregatorJob(args, descriptors);
    job.setJarByClass(FlightsAggregate.class);
    System.exit(job.waitForCompletion(true) ? 0 : 1);
  }
}
