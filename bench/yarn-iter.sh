#!/usr/bin/env bash
# What one iteration of an iterative run costs on YARN: starts `bin/drover minicluster` (HDFS and
# YARN in their own JVM, the ApplicationMaster and tasks in containers, i.e. separate JVMs), puts
# a9a (from $DROVER_DATA or ../shared/data) on its HDFS, then runs, once per variant, in order,
#   bin/drover logreg -D drover.verbose=true [the variant's -D settings] --max-iter ITER /in/a9a /out/NAME
# and prints each iteration's wall time (the client's "iteration i/N ... ms" line), and for the
# last iteration of each run the ApplicationMaster's own timeline (its container's syslog): JVM
# up, job initialized, job done. Stops the cluster at the end (removing all it wrote); the client
# logs and the AM syslogs stay in target/bench/yarn-iter/.
#
#   flock /work/build.lock bench/yarn-iter.sh [ITER] [NAME[:key=value,key=value...]] ...
#   e.g. bench/yarn-iter.sh 4 unshared:drover.jobjar.shared=false shared shared-again
# (default: ITER 4, one variant "default"). A variant's runs see the cluster as the ones before
# left it: the NodeManager's public cache survives from run to run, as on a real cluster.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ITER="${1:-4}"
shift || true
VARIANTS=("$@")
[[ ${#VARIANTS[@]} -gt 0 ]] || VARIANTS=(default)
BENCH="$ROOT/target/bench/yarn-iter"
. "$ROOT/bench/lib.sh"
DATA="$(a9a)"
DROVER="$ROOT/bin/drover"
MC="$ROOT/target/drover/minicluster"
rm -rf "$BENCH"
mkdir -p "$BENCH"
"$DROVER" >/dev/null 2>&1 || true # builds on first use

trap '"$DROVER" minicluster stop >/dev/null 2>&1 || true' EXIT
"$DROVER" minicluster start 2>"$BENCH/start.log" || { cat "$BENCH/start.log" >&2; exit 1; }
export HADOOP_CONF_DIR="$MC/conf"
"$DROVER" fs -mkdir -p /in
"$DROVER" fs -put "$DATA" /in/a9a

for v in "${VARIANTS[@]}"; do
  name="${v%%:*}"
  defs=()
  if [[ "$v" == *:* && -n "${v#*:}" ]]; then
    IFS=, read -r -a kvs <<<"${v#*:}"
    for kv in "${kvs[@]}"; do defs+=(-D "$kv"); done
  fi
  log="$BENCH/$name.log"
  start=$(date +%s.%N)
  "$DROVER" logreg -D drover.verbose=true "${defs[@]}" --max-iter "$ITER" /in/a9a "/out/$name" \
    >"$log" 2>&1 || { tail -n 30 "$log" >&2; echo "bench: $name failed; see $log" >&2; exit 1; }
  end=$(date +%s.%N)
  ms=$(grep -oE 'logreg: iteration [0-9]+/[0-9]+ .* ([0-9]+) ms$' "$log" | awk '{print $(NF-1)}' |
    paste -sd' ')
  printf '%-16s %s  per iteration (ms): %s  whole run %.1f s\n' "$name" "${defs[*]:-}" "$ms" \
    "$(echo "$end - $start" | bc)"
  # the last application's ApplicationMaster (its container's syslog), kept for its timeline
  am="$(find "$MC" -path '*container_*_01_000001/syslog' -printf '%T@ %p\n' 2>/dev/null |
    sort -n | tail -n 1 | cut -d' ' -f2-)"
  [[ -z "$am" ]] || cp "$am" "$BENCH/$name.am-syslog"
done
