#!/usr/bin/env bash
# bin/drover logreg on a9a (LIBSVM, 32,561 rows; from $DROVER_DATA or ../shared/data): 100 batch
# iterations, step 1.0, RUNS times. Prints each run's wall time and, from its history.csv, the
# median wall ms per iteration and the median ms the map tasks spent on their own work.
#
#   bench/gd.sh [RUNS]      (default 3; run it on an otherwise idle machine)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
BENCH="$ROOT/target/bench"
. "$ROOT/bench/lib.sh"
DATA="$(bench_data classification/a9a \
  f5d5ffd8d865ff41328e7ee043e4b020816914ff6843ff15b98905ddbedce906 \
  "LIBSVM a9a (UCI Adult), from the LIBSVM data page (copy in GitHub zhengruifeng/SparkGBM @ c4937579)")"
export DROVER_SCRATCH_DIR="$BENCH/scratch"
mkdir -p "$BENCH"
"$ROOT/bin/drover" >/dev/null 2>&1 || true # builds on first use

walls=()
for i in $(seq 1 "$RUNS"); do
  out="$BENCH/gd-a9a-$i"
  start=$(date +%s%N)
  "$ROOT/bin/drover" logreg --overwrite --no-standardize --tol 0 "$DATA" "$out" 2>"$BENCH/gd-a9a-$i.log"
  end=$(date +%s%N)
  wall=$(awk "BEGIN {printf \"%.2f\", ($end - $start) / 1e9}")
  walls+=("$wall")
  per=$(tail -n +2 "$out/history.csv" | cut -d, -f7 | median)
  task=$(tail -n +2 "$out/history.csv" | cut -d, -f8 | median)
  echo "run $i: ${wall} s wall, median ${per} ms per iteration (map tasks' own work ${task} ms)"
done
echo "median wall: $(printf '%s\n' "${walls[@]}" | median) s for 100 iterations (Spark MLlib reference here: 10.7 s)"
