package io.drover.jobs.sql.physical;

import io.drover.jobs.sql.logical.Field;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One MapReduce job: its input branches (for a join, {@code sides} gives each branch's side, 0
 * left or 1 right), the shuffle (null for a map-only stage), the reduce side's operators, and the
 * output's columns. The last stage of a plan writes the query's result; the others write binary
 * rows for the stages that read them.
 *
 * @param reducers the number of reduce tasks (0 for a map-only stage; for a sort, how many range
 *     partitions, chosen by the driver from the input's size when 0 is not forced)
 */
public record Stage(int id, List<Branch> inputs, List<Integer> sides, Shuffle shuffle,
    List<Operator> reduceOps, int reducers) implements Serializable {
  public Stage {
    inputs = List.copyOf(inputs);
    sides = List.copyOf(sides);
    reduceOps = List.copyOf(reduceOps);
    if (sides.size() != inputs.size()) {
      throw new IllegalArgumentException("a stage needs one side per input");
    }
  }

  /** The columns of each side's rows as they reach the shuffle (side 0, then side 1). */
  public List<List<Field>> sideSchemas() {
    List<List<Field>> out = new ArrayList<>();
    for (int side = 0; side <= 1; side++) {
      for (int i = 0; i < inputs.size(); i++) {
        if (sides.get(i) == side) {
          out.add(inputs.get(i).schema());
          break;
        }
      }
    }
    return out;
  }

  /** The output's columns. */
  public List<Field> schema() {
    List<Field> in = shuffle == null ? inputs.get(0).schema() : shuffle.schema(sideSchemas());
    return Operator.schemaAfter(in, reduceOps);
  }

  /** The stages this one reads, in order, without repeats. */
  public List<Integer> dependencies() {
    List<Integer> deps = new ArrayList<>();
    for (Branch b : inputs) {
      b.dependencies(deps);
    }
    for (Operator op : reduceOps) {
      if (op instanceof Operator.HashJoin j) {
        j.build().dependencies(deps);
      }
    }
    return new ArrayList<>(new TreeSet<>(deps));
  }

  /** Whether the stage has a reduce phase. */
  public boolean hasShuffle() {
    return shuffle != null;
  }
}
