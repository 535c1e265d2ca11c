package io.drover.jobs.sql.physical;

import io.drover.jobs.sql.logical.Field;
import io.drover.jobs.sql.logical.Plan;
import java.io.Serializable;
import java.util.List;

/**
 * A query compiled to MapReduce stages, in an order where every stage comes after the stages it
 * reads; the last one writes the result. {@link #explain} prints the logical plan the stages came
 * from, then the stages: the driver runs exactly these objects (each job gets its stage
 * serialized in its configuration), so the explanation cannot drift from what runs.
 */
public record PhysicalPlan(Plan logical, List<Stage> stages) implements Serializable {
  public PhysicalPlan {
    stages = List.copyOf(stages);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a plan needs a stage");
    }
  }

  /** The result's columns. */
  public List<Field> schema() {
    return stages.get(stages.size() - 1).schema();
  }

  /** The stage numbered {@code id}. */
  public Stage stage(int id) {
    for (Stage s : stages) {
      if (s.id() == id) {
        return s;
      }
    }
    throw new IllegalArgumentException("no stage " + id);
  }

  /** The logical plan, then each stage: inputs with their map operators, shuffle, reduce. */
  public String explain() {
    StringBuilder b = new StringBuilder("Logical plan (optimized):\n");
    for (String line : logical.explain().split("\n")) {
      b.append("  ").append(line).append('\n');
    }
    b.append("MapReduce stages: ").append(stages.size()).append('\n');
    Stage last = stages.get(stages.size() - 1);
    for (Stage s : stages) {
      b.append("Stage ").append(s.id() + 1).append(s.hasShuffle() ? " (map and reduce" : " (map only")
          .append(s.dependencies().isEmpty() ? "" : ", after stages "
              + s.dependencies().stream().map(d -> d + 1).toList())
          .append("):\n");
      for (int i = 0; i < s.inputs().size(); i++) {
        Branch in = s.inputs().get(i);
        String side = s.shuffle() instanceof Shuffle.Join
            ? (s.sides().get(i) == 0 ? " (left)" : " (right)") : "";
        b.append("  map input").append(side).append(": ").append(in.source()).append('\n');
        for (Operator op : in.ops()) {
          b.append("    ").append(op).append('\n');
        }
      }
      if (s.hasShuffle()) {
        b.append("  shuffle: ").append(s.shuffle()).append('\n');
        b.append("  reducers: ").append(s.reducers() == 0 ? "by input size" : s.reducers())
            .append('\n');
        for (Operator op : s.reduceOps()) {
          b.append("    reduce: ").append(op).append('\n');
        }
      }
      b.append("  output: ").append(s == last ? "the result " : "binary rows ")
          .append(s.schema().stream().map(Field::toString).toList()).append('\n');
    }
    java.util.Set<String> approx = new java.util.LinkedHashSet<>();
    for (Stage s : stages) {
      if (s.shuffle() instanceof Shuffle.GroupBy g) {
        for (io.drover.jobs.sql.logical.Expr.AggCall c : g.calls()) {
          String bound = io.drover.jobs.sql.runtime.AggregateLibrary.errorBound(c);
          if (bound != null) {
            approx.add("  " + c + ": " + bound);
          }
        }
      }
    }
    if (!approx.isEmpty()) {
      b.append("Approximate aggregates:\n");
      approx.forEach(l -> b.append(l).append('\n'));
    }
    return b.toString();
  }
}
