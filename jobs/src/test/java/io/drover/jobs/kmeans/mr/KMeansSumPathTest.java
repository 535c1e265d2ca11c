package io.drover.jobs.kmeans.mr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drover.common.cli.UsageException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Which way an iteration's partials go: the key that sets it, and its default. */
class KMeansSumPathTest {
  static Configuration conf(String... kv) {
    Configuration c = new Configuration(false);
    for (int i = 0; i < kv.length; i += 2) {
      c.set(kv[i], kv[i + 1]);
    }
    return c;
  }

  @Test
  void theReducePathByDefaultMapOnlyWhenAsked() throws UsageException {
    assertEquals(SumPath.REDUCE, SumPath.of(conf()));
    assertEquals(SumPath.REDUCE, SumPath.of(conf(SumPath.KEY, "true")));
    assertEquals(SumPath.MAP_ONLY, SumPath.of(conf(SumPath.KEY, " FALSE ")));
  }

  @Test
  void aBadValueIsRefusedNamingTheKey() {
    UsageException e =
        assertThrows(UsageException.class, () -> SumPath.of(conf(SumPath.KEY, "maybe")));
    assertEquals("-D drover.kmeans.reduce=maybe: true or false", e.getMessage());
  }

  @Test
  void theLineNamesThePathAndTheReducers() {
    assertEquals(
        "each iteration's partials go through a combiner to 1 reducer",
        SumPath.REDUCE.describe(1));
    assertEquals(
        "each iteration's partials go through a combiner to 3 reducers",
        SumPath.REDUCE.describe(3));
    assertEquals(
        "each iteration is map-only, the driver adding its partials", SumPath.MAP_ONLY.describe(1));
  }
}
