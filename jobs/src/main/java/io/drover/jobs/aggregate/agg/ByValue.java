package io.drover.jobs.aggregate.agg;

import io.drover.jobs.aggregate.expr.Expr;
import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * min_by(x, y) / max_by(x, y): the x of the row with the smallest / largest y (rows whose y is
 * NULL are skipped); min(x) / max(x) are min_by(x, x) / max_by(x, x). Spark leaves the choice among tied y open; here a tie goes to the smallest x
 * (NULL first), so the answer does not depend on the order Hadoop delivers rows in.
 */
final class ByValue extends Call {
  private final Expr x;
  private final Expr y;
  private final boolean max;

  ByValue(String sql, Expr x, Expr y, boolean max) {
    super(sql, x.type(), x, y);
    this.x = x;
    this.y = y;
    this.max = max;
  }

  @Override
  public Accumulator newAccumulator() {
    return new State();
  }

  private final class State implements Accumulator {
    boolean seen;
    Object bestY;
    Object bestX;

    void offer(Object vx, Object vy) {
      if (vy == null) {
        return;
      }
      if (!seen) {
        seen = true;
        bestY = vy;
        bestX = vx;
        return;
      }
      int c = Values.compare(vy, bestY, y.type());
      if (c == 0) {
        if (bestX != null && (vx == null || Values.compare(vx, bestX, x.type()) < 0)) {
          bestX = vx;
        }
      } else if ((c > 0) == max) {
        bestY = vy;
        bestX = vx;
      }
    }

    @Override
    public void update(Object[] row) {
      offer(x.eval(row), y.eval(row));
    }

    @Override
    public void merge(Accumulator other) {
      State o = (State) other;
      if (o.seen) {
        offer(o.bestX, o.bestY);
      }
    }

    @Override
    public Object result() {
      return bestX;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeBoolean(seen);
      if (seen) {
        StateIO.writeValue(out, bestY, y.type());
        StateIO.writeValue(out, bestX, x.type());
      }
    }

    @Override
    public void read(DataInput in) throws IOException {
      seen = in.readBoolean();
      bestY = seen ? StateIO.readValue(in, y.type()) : null;
      bestX = seen ? StateIO.readValue(in, x.type()) : null;
    }

    @Override
    public int heapBytes() {
      return 40 + StateIO.heapBytes(bestX) + StateIO.heapBytes(bestY);
    }
  }
}
