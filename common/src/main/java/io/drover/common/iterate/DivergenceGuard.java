package io.drover.common.iterate;

import java.util.List;

/**
 * Decides whether the state an iteration started from has diverged, and which committed iteration
 * to roll back to. Diverged: the loss is NaN or infinite; or it is more than {@code explodeFactor}
 * times the first loss of the run (the loss at the initial state); or it rose in each of the last
 * {@code patience} iterations and (when {@code riseTol > 0}) ended more than {@code riseTol} times
 * the lowest loss so far above that loss. The good state to go back to is the one before the rise:
 * for a NaN or an explosion, the newest state whose loss did not rise.
 *
 * <p>{@code riseTol} is for losses with noise, such as mini-batch SGD's near its optimum, where
 * three small rises in a row happen by chance: a rise counts as divergence only once the loss is
 * clearly above the best one seen ({@code loss > best + riseTol |best|}). With {@code riseTol} 0
 * the rule is the strict one (three rises in a row always end above the lowest loss).
 *
 * <p>Losses are indexed by the iteration whose <em>starting</em> state they measure: {@code
 * losses.get(i)} is the loss of state {@code i} (state 0 is the initial one).
 */
public record DivergenceGuard(int patience, double explodeFactor, double riseTol) {
  public DivergenceGuard {
    if (patience < 1 || !(explodeFactor > 1) || !(riseTol >= 0)) {
      throw new IllegalArgumentException(
          "patience must be >= 1, explodeFactor > 1 and riseTol >= 0: "
              + patience
              + ", "
              + explodeFactor
              + ", "
              + riseTol);
    }
  }

  /** The strict rule: any {@code patience} rises in a row (no tolerance). */
  public DivergenceGuard(int patience, double explodeFactor) {
    this(patience, explodeFactor, 0);
  }

  /** Nothing wrong ({@code goodState < 0} and no reason), or roll back to {@code goodState}. */
  public record Verdict(boolean diverged, int goodState, String reason) {
    public static final Verdict OK = new Verdict(false, -1, "");
  }

  /**
   * @param accepted losses of states 0..k-1, all accepted earlier
   * @param loss the loss of state k (k = accepted.size())
   */
  public Verdict check(List<Double> accepted, double loss) {
    int k = accepted.size();
    if (Double.isNaN(loss) || Double.isInfinite(loss)) {
      return new Verdict(true, beforeRise(accepted), "loss of state " + k + " is " + loss);
    }
    if (k > 0 && loss > explodeFactor * Math.abs(accepted.get(0)) && loss > accepted.get(0)) {
      return new Verdict(
          true,
          beforeRise(accepted),
          "loss of state "
              + k
              + " is "
              + loss
              + ", over "
              + explodeFactor
              + " times the initial loss "
              + accepted.get(0));
    }
    if (k >= patience) {
      double next = loss;
      boolean rising = true;
      for (int i = k - 1; i >= k - patience; i--) {
        if (!(next > accepted.get(i))) {
          rising = false;
          break;
        }
        next = accepted.get(i);
      }
      double best = accepted.stream().mapToDouble(Double::doubleValue).min().orElse(loss);
      if (rising && (riseTol == 0 || loss > best + riseTol * Math.abs(best))) {
        return new Verdict(
            true,
            k - patience,
            "loss rose "
                + patience
                + " times in a row, to "
                + loss
                + " at state "
                + k
                + (riseTol == 0
                    ? ""
                    : ", over " + riseTol + " relative above the lowest loss " + best));
      }
    }
    return Verdict.OK;
  }

  /** The newest state whose loss is not above its predecessor's (state 0 counts as such). */
  private static int beforeRise(List<Double> accepted) {
    int j = accepted.size() - 1;
    while (j > 0 && accepted.get(j) > accepted.get(j - 1)) {
      j--;
    }
    return j;
  }
}
