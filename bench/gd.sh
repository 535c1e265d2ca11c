#!/usr/bin/env bash
# Drover logreg against Spark MLlib's GradientDescent on a9a (LIBSVM, 32,561 rows; from
# $DROVER_DATA or ../shared/data): 100 batch iterations, side by side in one run, RUNS times each,
# interleaved:
#   drover        bin/drover logreg (conf/local, the launcher's JVM flags)
#   drover-plain  plain `hadoop jar`: RunJar on the Hadoop client classpath, stock settings, the
#                 JVM's default flags, 2 map slots (as bench/wordcount.sh)
#   spark         bench/spark-peer on local[2], data cached: runMiniBatchSGD with LogisticGradient,
#                 SimpleUpdater, step 1.0, fraction 1.0, no regularization, bias appended
# The same updates: Spark's SimpleUpdater steps by step/sqrt(t), so Drover runs `--schedule
# inv-sqrt`; --no-standardize --tol 0 for all 100 iterations. Checks the final weights agree
# (1e-9), then prints each one's median wall time (whole process: JVM start, parsing or loading,
# training), Drover's median ms per iteration and the map tasks' own work (history.csv), Spark's
# training ms per iteration, and the ratios.
#
#   bench/gd.sh [RUNS]      (default 3; hold the build lock: flock /work/build.lock bench/gd.sh 5)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
ITER=100
. "$ROOT/bench/lib.sh"
DATA="$(a9a)"
drover_bench_dir
plain_hadoop_jar
spark_peer

FLAGS=(--overwrite --no-standardize --tol 0 --max-iter "$ITER" --step 1.0 --schedule inv-sqrt)
rm -f "$BENCH"/gd-drover.{iter,task}
# per run: Drover's median ms per iteration and the map tasks' own work (history.csv)
gd_after() {
  tail -n +2 "$1/history.csv" | cut -d, -f7 | median >>"$BENCH/gd-drover.iter"
  tail -n +2 "$1/history.csv" | cut -d, -f8 | median >>"$BENCH/gd-drover.task"
}
bench_iterative gd logreg "$DATA" gd_after gd "$DATA" "$ITER" 1.0 -- "${FLAGS[@]}"

# the same model: Drover's weights and intercept against Spark's (bias last)
python3 - "$BENCH/gd-drover/model.json" "$BENCH/gd-drover-plain/model.json" "$BENCH/gd-spark.txt" <<'PY'
import json, sys
spark = [float(l.split()[1]) for l in open(sys.argv[3]) if l.startswith("weight ")]
for f in sys.argv[1:3]:
    m = json.load(open(f))
    mine = m["weights"] + [m["intercept"]]
    diff = max(abs(a - b) for a, b in zip(mine, spark)) if len(mine) == len(spark) else float("inf")
    if diff > 1e-9:
        sys.exit(f"bench: {f} differs from Spark's weights by {diff:g}")
print(f"weights agree: {len(spark) - 1} weights and the intercept within 1e-9 of Spark's", file=sys.stderr)
PY

last() { median <"$1"; }
echo
echo "a9a, $ITER batch iterations, median of $RUNS runs each (whole process wall time):"
printf '  %-34s %6.2f s  (runs: %s)  %s ms per iteration, map tasks %s ms\n' "bin/drover logreg" \
  "$(times_median gd-drover)" "$(times_all gd-drover)" "$(last "$BENCH/gd-drover.iter")" "$(last "$BENCH/gd-drover.task")"
printf '  %-34s %6.2f s  (runs: %s)\n' "hadoop jar drover-jobs.jar logreg" \
  "$(times_median gd-drover-plain)" "$(times_all gd-drover-plain)"
printf '  %-34s %6.2f s  (runs: %s)  training %s ms per iteration\n' "Spark MLlib 3.5.9 local[2]" \
  "$(times_median gd-spark)" "$(times_all gd-spark)" \
  "$(last "$BENCH/gd-spark.train" | awk -v n="$ITER" '{printf "%.1f", $1 / n}')"
echo "ratio (drover / spark): bin/drover $(times_ratio gd-drover gd-spark), hadoop jar $(times_ratio gd-drover-plain gd-spark)"
