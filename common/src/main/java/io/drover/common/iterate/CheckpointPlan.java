package io.drover.common.iterate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which checkpoints count, from the names in {@code iterations/} and whether each holds {@code
 * _SUCCESS}: pure, so resume and pruning decisions are tested without a file system. A dir without
 * {@code _SUCCESS} was never committed (stage-then-rename makes that rare: it takes a crash between
 * rename and marker, or a hand-made dir) and is ignored.
 */
public final class CheckpointPlan {
  private static final Pattern NAME = Pattern.compile("iter-(\\d{5,})");

  private final TreeMap<Integer, Boolean> dirs = new TreeMap<>();

  /**
   * @param dirs checkpoint dir name to whether it holds {@code _SUCCESS}; other names ignored
   */
  public CheckpointPlan(Map<String, Boolean> dirs) {
    for (Map.Entry<String, Boolean> e : dirs.entrySet()) {
      OptionalInt i = iterationOf(e.getKey());
      if (i.isPresent()) {
        this.dirs.put(i.getAsInt(), e.getValue());
      }
    }
  }

  public static String dirName(int iteration) {
    return String.format("iter-%05d", iteration);
  }

  public static OptionalInt iterationOf(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** The newest committed iteration, if any. */
  public OptionalInt latestCommitted() {
    for (int i : dirs.descendingKeySet()) {
      if (dirs.get(i)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** Committed iterations, oldest first. */
  public List<Integer> committed() {
    List<Integer> out = new ArrayList<>();
    dirs.forEach(
        (i, ok) -> {
          if (ok) {
            out.add(i);
          }
        });
    return out;
  }

  /** The newest committed iteration at or before {@code iteration}, if any. */
  public OptionalInt latestCommittedAtOrBefore(int iteration) {
    for (int i : dirs.headMap(iteration, true).descendingKeySet()) {
      if (dirs.get(i)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * What {@code --keep-checkpoints keep} removes: committed iterations older than the newest {@code
   * keep} (0 keeps all), and uncommitted dirs older than the newest committed one.
   */
  public List<Integer> toPrune(int keep) {
    List<Integer> out = new ArrayList<>();
    List<Integer> ok = committed();
    if (keep > 0 && ok.size() > keep) {
      out.addAll(ok.subList(0, ok.size() - keep));
    }
    OptionalInt latest = latestCommitted();
    if (latest.isPresent()) {
      dirs.headMap(latest.getAsInt(), false)
          .forEach(
              (i, c) -> {
                if (!c) {
                  out.add(i);
                }
              });
    }
    out.sort(null);
    return out;
  }

  /** Dirs newer than {@code iteration}, committed or not, newest first (what a rollback drops). */
  public List<Integer> after(int iteration) {
    return new ArrayList<>(dirs.tailMap(iteration, false).descendingKeySet());
  }
}
