#!/usr/bin/env bash
# Drover aggregate vs Hadoop's own aggregate package (ValueAggregatorJob with the descriptor in
# bench/aggregate/FlightsAggregate.java) on flights-3m (3,000,000 rows, 97 MB CSV; from
# $DROVER_DATA or ../shared/data), then a rich query through Drover and through DuckDB.
#
#   bench/aggregate.sh [RUNS]      (default 3; run it on an otherwise idle machine)
#
# Both MapReduce programs run through bin/drover (RunJar, conf/local: LocalJobRunner, one map
# slot per core), interleaved, RUNS times each, on the same plain CSV; the script checks that
# their per-origin count/sum/min/max are equal, then prints median wall time, peak RSS and the
# ratio. The rich query (hour buckets, avg, stddev, approx distinct, p95, HAVING, ORDER BY LIMIT)
# runs through Drover and, if the duckdb CLI is on PATH, through DuckDB on the same file.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
BENCH="$ROOT/target/bench-aggregate"
. "$ROOT/bench/lib.sh"
DATA="$(bench_data events/flights-3m.csv.bz2 \
  9ab0c8da7367a83829f563e1497a8e7e7b609e35dcbaab34baca217d49293997 \
  "3,000,000 US domestic flights (BTS on-time data), npm vega-datasets 3.2.1, BSD-3")"
IN="$BENCH/flights-3m.csv"
export DROVER_SCRATCH_DIR="$BENCH/scratch"
mkdir -p "$BENCH/peer"

if [[ ! -f "$IN" ]]; then
  echo "bench: decompressing $(basename "$DATA") ..." >&2
  bzcat "$DATA" >"$IN.partial" && mv "$IN.partial" "$IN"
fi
"$ROOT/bin/drover" --help >/dev/null 2>&1 || true # builds on first use
CP="$(cat "$ROOT/common/target/hadoop-classpath.txt")"
PEER="$BENCH/peer/flights-aggregate.jar"
if [[ ! -f "$PEER" || "$ROOT/bench/aggregate/FlightsAggregate.java" -nt "$PEER" ]]; then
  echo "bench: compiling the ValueAggregatorJob peer ..." >&2
  rm -rf "$BENCH/peer/classes" && mkdir -p "$BENCH/peer/classes"
  javac -cp "$CP" -d "$BENCH/peer/classes" "$ROOT/bench/aggregate/FlightsAggregate.java"
  jar cf "$PEER" -C "$BENCH/peer/classes" .
fi

BYTES=$(stat -c %s "$IN")
SLOTS=$(nproc)
echo "input: flights-3m.csv, $BYTES bytes; $SLOTS map slots; $RUNS runs each, interleaved" >&2

SQL="SELECT origin, count(*), sum(delay), min(delay), max(delay) FROM flights GROUP BY origin"
rm -f "$BENCH"/*.times
for ((i = 1; i <= RUNS; i++)); do
  run drover "$BENCH/out-drover" "$ROOT/bin/drover" aggregate --format csv --sql "$SQL" \
    "$IN" "$BENCH/out-drover"
  run hadoop "$BENCH/out-hadoop" "$ROOT/bin/drover" jar "$PEER" FlightsAggregate \
    "$IN" "$BENCH/out-hadoop" 1 textinputformat
done

# same figures: the peer writes "count<TAB>ORD<TAB>166341" etc.; pivot it to Drover's rows
pivot() {
  awk -F'\t' '{v[$2, $1] = $3; o[$2] = 1} END {for (k in o) print k "\t" v[k, "count"] "\t" \
    v[k, "sum"] "\t" v[k, "min"] "\t" v[k, "max"]}' "$@" | LC_ALL=C sort
}
if ! cmp -s <(LC_ALL=C sort "$BENCH"/out-drover/part-*) <(pivot "$BENCH"/out-hadoop/part-*); then
  echo "bench: outputs DIFFER" >&2
  diff <(LC_ALL=C sort "$BENCH"/out-drover/part-*) <(pivot "$BENCH"/out-hadoop/part-*) | head >&2
  exit 1
fi

report() {
  local name="$1" t m
  t=$(cut -d' ' -f1 "$BENCH/$name.times" | median)
  m=$(cut -d' ' -f2 "$BENCH/$name.times" | sort -n | tail -n 1)
  printf '%-34s median %6.2f s  %6.1f MB/s  peak RSS %5d MB  (runs: %s)\n' "$2" "$t" \
    "$(echo "$BYTES / 1000000 / $t" | bc -l)" "$((m / 1024))" \
    "$(cut -d' ' -f1 "$BENCH/$name.times" | paste -sd' ')"
}
echo
echo "flights-3m: $(wc -l <"$BENCH"/out-drover/part-r-00000) origins (outputs identical)"
report drover "drover aggregate"
report hadoop "hadoop ValueAggregatorJob"
td=$(cut -d' ' -f1 "$BENCH/drover.times" | median)
th=$(cut -d' ' -f1 "$BENCH/hadoop.times" | median)
printf 'ratio: drover is %.2fx faster (median %s s vs %s s)\n' "$(echo "$th / $td" | bc -l)" "$td" "$th"

RICH="SELECT date_trunc('hour', date) h, count(*) n, avg(delay), stddev_samp(delay), \
approx_count_distinct(origin), percentile_approx(delay, 0.95) FROM flights \
GROUP BY date_trunc('hour', date) HAVING count(*) > 100 ORDER BY n DESC LIMIT 20"
rm -f "$BENCH/rich.times"
run rich "$BENCH/out-rich" "$ROOT/bin/drover" aggregate --format csv --sql "$RICH" "$IN" \
  "$BENCH/out-rich"
report rich "drover aggregate (rich query)"
DUCK="${RICH//percentile_approx(delay, 0.95)/approx_quantile(delay, 0.95)}"
FROM_CSV="FROM read_csv('$IN')" # a variable: quotes inside ${x//a/b} are removed by bash 5.2
DUCK="${DUCK//FROM flights/$FROM_CSV}"
DUCK_JAR="$(ls "$HOME"/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar 2>/dev/null | tail -n 1)"
if command -v duckdb >/dev/null; then
  /usr/bin/time -f "%e %M" -o "$BENCH/duck.last" duckdb -c "$DUCK" >"$BENCH/duck.log" 2>&1
elif [[ -n "$DUCK_JAR" ]]; then # the tests' DuckDB, in process through its JDBC driver
  mkdir -p "$BENCH/tmp" # DuckDB unpacks its native library into java.io.tmpdir
  /usr/bin/time -f "%e %M" -o "$BENCH/duck.last" java -Djava.io.tmpdir="$BENCH/tmp" -cp "$DUCK_JAR" \
    "$ROOT/bench/aggregate/DuckQuery.java" "$DUCK" >"$BENCH/duck.log" 2>&1
else
  echo "no duckdb CLI on PATH and no duckdb_jdbc in ~/.m2 (mvn test-compile fetches it): DuckDB skipped"
  exit 0
fi
printf '%-34s %6.2f s  peak RSS %5d MB\n' "duckdb (rich query, in process)" \
  "$(cut -d' ' -f1 "$BENCH/duck.last")" "$(( $(cut -d' ' -f2 "$BENCH/duck.last") / 1024 ))"
