#!/usr/bin/env bash
# kmeans' two ways of adding an iteration's partials, side by side on a9a (as bench/kmeans.sh: K 10,
# ITER Lloyd iterations, --tol 0, seed 42, through bin/drover), RUNS rounds, interleaved:
#   map-only  -D drover.kmeans.reduce=false  (each task commits its partials, the driver adds them)
#   reduce    -D drover.kmeans.reduce=true   (map, combiner, shuffle, one reducer writes k centers)
# Prints per path the median wall time (whole process) and the median ms per iteration (history.csv's
# wall_ms), and checks that both wrote byte-identical centers.json (exit 1 if not).
#
#   bench/kmeans-paths.sh [RUNS] [ITER] [CHUNK_BYTES]   (default 5 runs, 20 iterations, gd's default
#   chunking; hold the build lock: flock /work/build.lock bench/kmeans-paths.sh 5)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
ITER="${2:-20}"
CHUNK=()
if [[ -n "${3:-}" ]]; then CHUNK=(-D "drover.gd.chunk.bytes=$3"); fi
. "$ROOT/bench/lib.sh"
DATA="$(a9a)"
drover_bench_dir

rm -f "$BENCH"/kmp-{map-only,reduce}.{times,iter}
for ((i = 1; i <= RUNS; i++)); do
  for p in map-only reduce; do
    flag=false
    [[ $p == reduce ]] && flag=true
    run "kmp-$p" "$BENCH/kmp-$p" "$ROOT/bin/drover" kmeans -D drover.kmeans.reduce=$flag \
      "${CHUNK[@]}" --overwrite --k 10 --max-iter "$ITER" --tol 0 --seed 42 "$DATA" "$BENCH/kmp-$p"
    tail -n +2 "$BENCH/kmp-$p/history.csv" | awk -F, '{print $NF}' | median >>"$BENCH/kmp-$p.iter"
  done
  cmp "$BENCH/kmp-map-only/centers.json" "$BENCH/kmp-reduce/centers.json" ||
    { echo "bench: the two paths wrote different centers.json" >&2; exit 1; }
done
chunks="$(ls "$BENCH/kmp-reduce/data" | grep -c '^part-.*\.bin$')"
echo
echo "a9a, K 10, $ITER iterations, $chunks chunks, median of $RUNS runs each (centers.json identical):"
for p in map-only reduce; do
  printf '  %-9s %6.2f s  (runs: %s)  %s ms per iteration (medians: %s)\n' "$p" \
    "$(times_median "kmp-$p")" "$(times_all "kmp-$p")" "$(median <"$BENCH/kmp-$p.iter")" \
    "$(paste -sd' ' "$BENCH/kmp-$p.iter")"
done
echo "ratio (reduce / map-only): $(times_ratio kmp-reduce kmp-map-only)"
