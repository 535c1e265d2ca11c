#!/usr/bin/env bash
# The 22 TPC-H queries through Drover's sql (bin/drover: RunJar, LocalJobRunner, one map slot
# per core), Apache Hive 3.1.3 on MapReduce (../shared/peers/hive, LocalJobRunner, map joins on)
# and DuckDB (in process, 2 threads) on the same dbgen-layout .tbl files, generated at SCALE by
# io.trino.tpch:tpch 1.2 into target/bench-tpch/sfSCALE (kept for later runs).
#
#   bench/tpch.sh [SCALE] [QUERY...]      (default: 1, all 22; run it on an otherwise idle machine)
#
# Each engine runs each query once, whole process (JVM start, planning, every job); Drover's
# results are checked against DuckDB's (bench/tpch/compare.py). Prints a table: seconds per
# engine, Drover's MapReduce jobs, the ratios to Hive and DuckDB; and the totals. Hive's setup
# (setup-hive.sh, ~220 MB of jars from Maven Central on first use) goes to target/peer-hive.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE="${1:-1}"
shift || true
QUERIES=("$@")
if [[ ${#QUERIES[@]} -eq 0 ]]; then QUERIES=($(seq 1 22)); fi
BENCH="$ROOT/target/bench-tpch"
DATA="$BENCH/sf$SCALE"
HIVE="$ROOT/../shared/peers/hive"
export HIVE_PEER_WORK="$BENCH/peer-hive"
export DROVER_SCRATCH_DIR="$BENCH/scratch"
mkdir -p "$BENCH/classes" "$BENCH/tmp" "$BENCH/out" "$BENCH/duck" "$BENCH/hive" "$BENCH/logs"

"$ROOT/bin/drover" --help >/dev/null 2>&1 || true # builds on first use
M2="$HOME/.m2/repository"
TPCH_JAR="$(ls "$M2"/io/trino/tpch/tpch/1.2/tpch-1.2.jar)"
DUCK_JAR="$(ls "$M2"/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar | tail -n 1)"
javac -d "$BENCH/classes" -cp "$TPCH_JAR:$DUCK_JAR" "$ROOT"/bench/tpch/*.java

if [[ ! -f "$DATA/lineitem/lineitem.tbl" ]]; then
  echo "bench: generating TPC-H SF $SCALE into $DATA ..." >&2
  java -cp "$TPCH_JAR:$(ls "$M2"/com/google/guava/guava/*/guava-*.jar | tail -n 1):$BENCH/classes" \
    TpchGen "$SCALE" "$DATA"
fi
BYTES=$(du -cb "$DATA"/*/*.tbl | tail -n 1 | cut -f1)

# one DDL for all three: each LOCATION a dir holding the table's .tbl file
DDL="$BENCH/tpch-sf$SCALE.ddl"
sed -e "s|\${hivevar:tpch}/\([a-z]*\)\.tbl|$DATA/\1|" "$ROOT/jobs/src/test/resources/tpch/tpch.ddl" >"$DDL"
QDIR="$ROOT/jobs/src/test/resources/tpch"

if [[ ! -f "$HIVE_PEER_WORK/launcher/classes/HiveLauncher.class" ]]; then
  echo "bench: setting up the Hive peer in $HIVE_PEER_WORK ..." >&2
  "$HIVE/setup-hive.sh" >"$BENCH/logs/hive-setup.log" 2>&1
fi
if [[ ! -f "$HIVE_PEER_WORK/tpch-sf$SCALE.done" ]]; then
  DB="tpch_sf${SCALE//./_}"
  { echo "DROP DATABASE IF EXISTS $DB CASCADE; CREATE DATABASE $DB; USE $DB;"
    sed -e "s|LOCATION '|LOCATION 'file://|" "$DDL"; } >"$BENCH/hive/create.sql"
  "$HIVE/run-hive.sh" "$BENCH/hive/create.sql" >"$BENCH/logs/hive-create.log" 2>&1
  touch "$HIVE_PEER_WORK/tpch-sf$SCALE.done"
fi
DB="tpch_sf${SCALE//./_}"

# hive_syntax N: query N as Hive 3.1.3 takes it (stdin to stdout): it refuses a derived table's
# and a CTE's column list (Q13, Q15: the names become aliases inside) and SQL's
# substring(x from 1 for 2) (Q22: substring(x, 1, 2)); the others run unchanged
hive_syntax() {
  case "$1" in
    13) sed -e 's/^\( *\)count(o_orderkey)$/\1count(o_orderkey) as c_count/' \
          -e 's/) as c_orders (c_custkey, c_count)/) as c_orders/' ;;
    15) sed -e 's/with revenue0 (supplier_no, total_revenue) as (/with revenue0 as (/' \
          -e 's/^\( *\)l_suppkey,$/\1l_suppkey as supplier_no,/' \
          -e 's/^\( *\)sum(l_extendedprice \* (1 - l_discount))$/\1sum(l_extendedprice * (1 - l_discount)) as total_revenue/' ;;
    22) sed -e 's/substring(c_phone from 1 for 2)/substring(c_phone, 1, 2)/g' ;;
    *) cat ;;
  esac
}

# timed NAME CMD...: runs CMD, its wall seconds to $BENCH/NAME.s ("failed" when it fails)
timed() {
  local name="$1"
  shift
  /usr/bin/time -f "%e" -o "$BENCH/$name.s" "$@" || echo failed >"$BENCH/$name.s"
}

echo "bench: DuckDB (load once, then each query) ..." >&2
QFILES=()
for n in "${QUERIES[@]}"; do QFILES+=("$QDIR/$(printf 'q%02d.sql' "$n")"); done
java -Djava.io.tmpdir="$BENCH/tmp" -cp "$DUCK_JAR:$BENCH/classes" DuckRun "$DDL" "$BENCH/duck" 1 \
  "${QFILES[@]}" >"$BENCH/duck/times.tsv"
DUCK_LOAD=$(awk -F'\t' '$1 == "load" {print $2}' "$BENCH/duck/times.tsv")

printf '%-5s %9s %9s %9s %5s %9s %9s  %s\n' query drover_s hive_s duckdb_s jobs vs_hive vs_duck \
  "result vs DuckDB" | tee "$BENCH/results.txt"
TD=0; TH=0; TK=0
for n in "${QUERIES[@]}"; do
  q=$(printf 'q%02d' "$n")
  rm -rf "$BENCH/out/$q"
  timed drover "$ROOT/bin/drover" sql --init "$DDL" --sql-file "$QDIR/$q.sql" "$BENCH/out/$q" \
    2>"$BENCH/logs/drover-$q.log" >/dev/null
  d=$(tail -n 1 "$BENCH/drover.s")
  jobs=$(grep -oE '\([0-9]+ MapReduce jobs?\)' "$BENCH/logs/drover-$q.log" | grep -oE '[0-9]+' | tail -n 1 || echo "?")
  { echo "USE $DB;"; hive_syntax "$n" <"$QDIR/$q.sql"; } >"$BENCH/hive/$q.sql"
  timed hive "$HIVE/run-hive.sh" "$BENCH/hive/$q.sql" --hiveconf hive.cli.print.header=false \
    >"$BENCH/hive/$q.out" 2>"$BENCH/logs/hive-$q.log"
  h=$(tail -n 1 "$BENCH/hive.s")
  k=$(awk -F'\t' -v q="$q" '$1 == q {print $2}' "$BENCH/duck/times.tsv")
  ordered=0; grep -qi 'order by' "$QDIR/$q.sql" && ordered=1
  check=$(python3 "$ROOT/bench/tpch/compare.py" "$BENCH/out/$q" "$BENCH/duck/$q.tsv" $ordered || true)
  vh=-; vk=-
  if [[ $d != failed && $h != failed ]]; then
    vh=$(echo "$h / $d" | bc -l); TH=$(echo "$TH + $h" | bc -l); TD=$(echo "$TD + $d" | bc -l)
  fi
  if [[ $d != failed ]]; then vk=$(echo "$d / ($k + 0.0001)" | bc -l); fi
  TK=$(echo "$TK + $k" | bc -l)
  printf '%-5s %9s %9s %9.3f %5s %9s %9s  %s\n' "$q" "$d" "$h" "$k" "$jobs" \
    "$( [[ $vh == - ]] && echo - || printf '%.2fx' "$vh")" \
    "$( [[ $vk == - ]] && echo - || printf '%.0fx' "$vk")" "$check" | tee -a "$BENCH/results.txt"
done
printf 'total (queries both ran): drover %.1f s, hive %.1f s: drover %.2fx faster; duckdb %.1f s + %.1f s load\n' \
  "$TD" "$TH" "$(echo "$TH / $TD" | bc -l)" "$TK" "$DUCK_LOAD" | tee -a "$BENCH/results.txt"
echo "input: $BYTES bytes of .tbl text at SF $SCALE; $(nproc) cores; one run each" | tee -a "$BENCH/results.txt"
