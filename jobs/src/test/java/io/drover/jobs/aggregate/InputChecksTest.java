package io.drover.jobs.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.aggregate.AggregateOptions.BadRecordLimit;
import io.drover.jobs.aggregate.InputChecks.Column;
import io.drover.jobs.aggregate.InputChecks.Records;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limits on bad records and bad values, without a job. */
class InputChecksTest {
  static String check(Records r, String limit) throws Exception {
    return InputChecks.badRecords(r, BadRecordLimit.parse(limit), 10, "csv");
  }

  @Test
  void badRecordsAreBoundedByCountBytesAndLines() throws Exception {
    // 1 of 40,000 records, 1% allowed: fine by count; 17% of the bytes is not
    Records stray = new Records(40_000, 3_000_000, 1, 510_000, 1, "f.csv, byte 9 spans 8,204 lines");
    String m = check(stray, "1%");
    assertTrue(m.startsWith("1 bad record held 510,000 bytes, 17.0% of the input's 3,000,000 "
        + "bytes: more than the 1% share"), m);
    assertTrue(m.contains("(the one at f.csv, byte 9 spans 8,204 lines)"), m);
    // a count N allows the share N of the records read: 400 of 40,000 is 1% of the bytes too
    assertTrue(check(stray, "400").contains("more than the 1% share"));
    assertTrue(check(stray, "100%").startsWith("a bad record at f.csv, byte 9 spans 8,204 lines"));
    // a small bad record within every bound
    assertNull(check(new Records(40_000, 3_000_000, 1, 80, 0, null), "1%"));
    assertNull(check(new Records(40_000, 3_000_000, 0, 0, 0, null), "0"));
    assertTrue(check(new Records(100, 8_000, 2, 160, 0, null), "1").startsWith(
        "2 of 100 records (2.000%, 160 bytes) did not parse, more than --max-bad-records 1"));
  }

  @Test
  void withoutTheRecordsReadAShareRefusesAnyBadRecordAndACountHolds() throws Exception {
    Records r = new Records(-1, -1, 2, 160, 0, null);
    assertTrue(check(r, "1%").startsWith("the job's counters could not be fetched"));
    assertTrue(check(r, "1").startsWith("2 of the records (160 bytes) did not parse"));
    assertNull(check(r, "2"));
    assertNull(check(new Records(-1, -1, 0, 0, 0, null), "1%"));
    assertTrue(check(new Records(-1, -1, 1, 9_000, 1, "f.csv, byte 0 spans 99 lines"), "5")
        .startsWith("a bad record at f.csv, byte 0 spans 99 lines"));
  }

  @Test
  void aColumnWithNoValueThatConvertsFailsByDefault() throws Exception {
    List<Column> cols = List.of(new Column("temp", "timestamp", 4, 4, "3"),
        new Column("n", "bigint", 10, 1, "x"));
    assertEquals("column temp: none of its 4 values converted to timestamp (the first: '3'), so "
        + "it would be all NULL; check its type (give --schema), or allow it with "
        + "--max-bad-values 100%; nothing was written", InputChecks.badValues(cols, 14, 5, null));
    assertNull(InputChecks.badValues(cols.subList(1, 2), 10, 1, null));
    assertNull(InputChecks.badValues(cols, 14, 5, BadRecordLimit.parse("50%")));
    assertTrue(InputChecks.badValues(cols, 14, 5, BadRecordLimit.parse("4")).startsWith(
        "5 of 14 values (35.714%) did not convert"));
    assertEquals(List.of("warning: 4 of 4 values of column temp (timestamp) did not convert and "
        + "were read as NULL; the first: '3'", "warning: 1 of 10 values of column n (bigint) did "
        + "not convert and were read as NULL; the first: 'x'"), InputChecks.warnings(cols));
  }
}
