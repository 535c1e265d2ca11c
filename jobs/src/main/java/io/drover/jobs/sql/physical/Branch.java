package io.drover.jobs.sql.physical;

import io.drover.jobs.sql.logical.Field;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A stream of rows: a source's rows through operators, in order. */
public record Branch(Source source, List<Operator> ops) implements Serializable {
  public Branch {
    ops = List.copyOf(ops);
  }

  /** The rows' columns after every operator. */
  public List<Field> schema() {
    return Operator.schemaAfter(source.schema(), ops);
  }

  /** This branch with {@code op} appended. */
  public Branch then(Operator op) {
    List<Operator> more = new ArrayList<>(ops);
    more.add(op);
    return new Branch(source, more);
  }

  /** The stages whose output this branch reads (its source and its broadcast sides). */
  public void dependencies(List<Integer> out) {
    if (source instanceof Source.StageOutput s) {
      out.add(s.stage());
    }
    for (Operator op : ops) {
      if (op instanceof Operator.HashJoin j) {
        j.build().dependencies(out);
      }
    }
  }
}
