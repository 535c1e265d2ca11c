package io.drover.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

class FlagsTest {
  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("top").hasArg().build());
    o.addOption(Option.builder().longOpt("overwrite").build());
    return o;
  }

  @Test
  void flagsAndPositionalsInAnyOrder() throws Exception {
    Flags f = Flags.parse(options(), new String[] {"in", "--top", "5", "out", "--overwrite"});
    assertEquals(List.of("in", "out"), f.positional());
    assertEquals(5, f.intAtLeast("top", 0, 1));
    assertEquals(true, f.has("overwrite"));
    assertEquals(7, Flags.parse(options(), new String[] {"--top=7"}).intAtLeast("top", 0, 1));
  }

  @Test
  void messagesNameTheFlagAndTheValue() {
    assertEquals("unknown option --bogus",
        assertThrows(UsageException.class, () -> Flags.parse(options(), new String[] {"--bogus"})).getMessage());
    assertEquals("unknown option -D (generic options such as -D go before the program's own options)",
        assertThrows(UsageException.class, () -> Flags.parse(options(), new String[] {"--top", "1", "-D", "a=b"}))
            .getMessage());
    assertEquals("option --top needs a value",
        assertThrows(UsageException.class, () -> Flags.parse(options(), new String[] {"--top"})).getMessage());
    assertEquals("option --top: 'ten' is not a whole number",
        assertThrows(UsageException.class,
            () -> Flags.parse(options(), new String[] {"--top", "ten"}).intAtLeast("top", 0, 1)).getMessage());
    assertEquals("option --top: 0 is below the minimum 1",
        assertThrows(UsageException.class,
            () -> Flags.parse(options(), new String[] {"--top", "0"}).intAtLeast("top", 0, 1)).getMessage());
  }

  @Test
  void overwriteIsAbsentPlainOrForceAndTakesNoOtherValue() throws Exception {
    assertEquals(Overwrite.NO, Flags.parse(options(), new String[] {"in", "out"}).overwrite());
    Flags plain = Flags.parse(options(), new String[] {"--overwrite", "in", "out"});
    assertEquals(Overwrite.JOB_OUTPUT, plain.overwrite());
    assertEquals(List.of("in", "out"), plain.positional(), "no positional taken as its value");
    Flags force = Flags.parse(options(), new String[] {"in", "--overwrite=force", "out"});
    assertEquals(Overwrite.FORCE, force.overwrite());
    assertEquals(List.of("in", "out"), force.positional());
    assertEquals("option --overwrite='yes': the only value it takes is force (--overwrite replaces"
        + " a previous job output, --overwrite=force any directory)",
        assertThrows(UsageException.class,
            () -> Flags.parse(options(), new String[] {"--overwrite=yes", "in", "out"}))
            .getMessage());
  }
}
