package io.drover.common.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CheckpointPlanTest {
  static CheckpointPlan plan(Object... nameAndSuccess) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndSuccess.length; i += 2) {
      m.put((String) nameAndSuccess[i], (Boolean) nameAndSuccess[i + 1]);
    }
    return new CheckpointPlan(m);
  }

  @Test
  void namesAreZeroPaddedToFiveDigits() {
    assertEquals("iter-00007", CheckpointPlan.dirName(7));
    assertEquals("iter-123456", CheckpointPlan.dirName(123456));
    assertEquals(OptionalInt.of(123456), CheckpointPlan.iterationOf("iter-123456"));
    assertEquals(OptionalInt.empty(), CheckpointPlan.iterationOf("iter-7"));
    assertEquals(OptionalInt.empty(), CheckpointPlan.iterationOf(".staging-iter-00007"));
  }

  @Test
  void latestCommittedSkipsADirWithoutSuccessAndForeignNames() {
    CheckpointPlan p =
        plan(
            "iter-00000",
            true,
            "iter-00002",
            true,
            "iter-00003",
            false,
            ".staging-iter-00004",
            true,
            "x",
            true);
    assertEquals(OptionalInt.of(2), p.latestCommitted());
    assertEquals(List.of(0, 2), p.committed());
    assertEquals(OptionalInt.of(0), p.latestCommittedAtOrBefore(1));
    assertEquals(OptionalInt.of(2), p.latestCommittedAtOrBefore(9));
    assertEquals(List.of(3), p.after(2));
  }

  @Test
  void nothingCommittedMeansAFreshStart() {
    assertTrue(plan().latestCommitted().isEmpty());
    assertTrue(plan("iter-00000", false).latestCommitted().isEmpty());
  }

  @Test
  void pruningKeepsTheNewestKAndDropsOldUncommittedDirs() {
    CheckpointPlan p =
        plan(
            "iter-00000",
            true,
            "iter-00001",
            false,
            "iter-00002",
            true,
            "iter-00003",
            true,
            "iter-00004",
            true,
            "iter-00005",
            false);
    assertEquals(List.of(0, 1, 2), p.toPrune(2));
    assertEquals(List.of(1), p.toPrune(0));
    assertEquals(List.of(1), p.toPrune(4));
    assertEquals(List.of(5, 4, 3, 2, 1), p.after(0));
  }
}
