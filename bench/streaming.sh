#!/usr/bin/env bash
# Drover's streaming bridge vs Hadoop Streaming 3.4.2 on gutenberg-medium (308 books, 106 MB),
# same JVM, same local runner settings (conf/local, 2 map slots), runs interleaved:
#   (a) identity: -mapper cat -reducer cat
#   (b) the classic Python word count: examples/wordcount mapper.py, reducer.py (also combiner)
#   (c) an mrjob-shaped word count: examples/mrjob/mr_word_count.py as mrjob's hadoop runner runs
#       it (--step-num=0 --mapper/--combiner/--reducer, JSON key/value lines, a counter per line;
#       its counters are checked by MrjobCompatibilityIT: at the bench's WARN level Hadoop
#       Streaming logs none)
# Each case also runs as a Drover user runs it, `bin/drover streaming` with the launcher's JVM flags
# (BENCH_LAUNCHER=0 skips that). Checks that all produce the same output and prints median wall
# times and ratios.
#
#   bench/streaming.sh [runs]        (default 3; build first: mvn -DskipTests package)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
SLOTS="${DROVER_BENCH_SLOTS:-2}"
# also time `bin/drover streaming` (Drover's launcher, its own JVM flags) beside the same-flags
# pair; BENCH_LAUNCHER=0 skips it
LAUNCHER="${BENCH_LAUNCHER:-1}"
B="$ROOT/target/bench-streaming"
. "$ROOT/bench/lib.sh"
DATA="$(gutenberg_medium)"
DROVER_JAR="$(ls "$ROOT"/streaming/target/drover-streaming-*.jar | grep -v original | head -n 1)"
PEER_JAR="$ROOT/streaming/target/peer/hadoop-streaming-3.4.2.jar"
CP="$ROOT/conf/local:$ROOT/conf/logging:$(cat "$ROOT/common/target/hadoop-classpath.txt")"
[[ -f "$DROVER_JAR" && -f "$PEER_JAR" ]] || { echo "build first: mvn -DskipTests package" >&2; exit 2; }

mkdir -p "$B/tmp"
if [[ ! -d "$B/medium" ]]; then
  echo "unpacking $DATA ..." >&2
  tar -xJf "$DATA" -C "$B"
fi
# one interpreter path for both tools: a pyenv shim would add ~130 ms to every process start
PY="$(python3 -c 'import sys; print(sys.executable)')"
EX="$ROOT/streaming/examples/wordcount"

run() { # tool case out
  local jar="$1" kase="$2" out="$3"
  local args=(-input "$B/medium/*/*" -output "$out")
  if [[ "$kase" == cat ]]; then
    args+=(-mapper cat -reducer cat)
  elif [[ "$kase" == mrjob ]]; then
    local mr="$PY $ROOT/streaming/examples/mrjob/mr_word_count.py --step-num=0"
    args+=(-mapper "$mr --mapper" -combiner "$mr --combiner" -reducer "$mr --reducer")
  else
    args+=(-mapper "$PY $EX/mapper.py" -combiner "$PY $EX/reducer.py" -reducer "$PY $EX/reducer.py")
  fi
  rm -rf "$out"
  local t0 t1
  t0=$(date +%s.%N)
  if [[ "$jar" == launcher ]]; then
    # as a Drover user runs it: bin/drover streaming, with the launcher's JVM flags (bin/drover:
    # STREAMING_JVM_DEFAULTS), the same conf/local and slots, its heap the JVM's default
    DROVER_SCRATCH_DIR="$B/scratch-launcher" "$ROOT/bin/drover" streaming "${args[@]}" \
      >"$out.log" 2>&1 || { tail -n 20 "$out.log" >&2; echo "FAILED: bin/drover $kase" >&2; exit 1; }
  else
    java -Xmx1g -Ddrover.scratch.dir="$B/scratch" -Djava.io.tmpdir="$B/tmp" \
      -Ddrover.local.slots="$SLOTS" -Ddrover.root.logger=WARN,console -cp "$CP" \
      org.apache.hadoop.util.RunJar "$jar" "${args[@]}" >"$out.log" 2>&1 || {
        tail -n 20 "$out.log" >&2; echo "FAILED: $jar $kase" >&2; exit 1; }
  fi
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}


# the speed-up run by run (each Hadoop Streaming run and the Drover run right after it): the
# median, and the range, of those ratios
pairs() { # case tool
  local r
  r=$(pair_ratios "$B/times-$1-hadoop" "$B/times-$1-$2" | sort -n)
  printf '%-7s   run by run: median %.2fx, from %.2fx to %.2fx\n' "" "$(median <<<"$r")" \
    "$(head -n 1 <<<"$r")" "$(tail -n 1 <<<"$r")"
}

cd "$B"   # Hadoop Streaming in local mode may unpack its job jar into the working dir
for kase in ${BENCH_CASES:-cat python mrjob}; do
  : >"$B/times-$kase-drover"; : >"$B/times-$kase-hadoop"; : >"$B/times-$kase-launcher"
  for ((i = 1; i <= RUNS; i++)); do
    run "$PEER_JAR" "$kase" "$B/out-$kase-hadoop" >>"$B/times-$kase-hadoop"
    run "$DROVER_JAR" "$kase" "$B/out-$kase-drover" >>"$B/times-$kase-drover"
    if [[ "$LAUNCHER" == 1 ]]; then
      run launcher "$kase" "$B/out-$kase-launcher" >>"$B/times-$kase-launcher"
      cmp -s <(cat "$B/out-$kase-drover"/part-* | LC_ALL=C sort) \
        <(cat "$B/out-$kase-launcher"/part-* | LC_ALL=C sort) \
        || { echo "OUTPUTS DIFFER ($kase, bin/drover)" >&2; exit 1; }
    fi
    # same output: (b) byte for byte; (a) as sorted lines (values of equal keys may come in a
    # different order when the map tasks differ, in both tools)
    if [[ "$kase" != cat ]]; then
      cmp -s <(cat "$B/out-$kase-hadoop"/part-*) <(cat "$B/out-$kase-drover"/part-*) \
        || { echo "OUTPUTS DIFFER ($kase)" >&2; exit 1; }
    else
      cmp -s <(cat "$B/out-$kase-hadoop"/part-* | LC_ALL=C sort) \
        <(cat "$B/out-$kase-drover"/part-* | LC_ALL=C sort) \
        || { echo "OUTPUTS DIFFER ($kase)" >&2; exit 1; }
    fi
  done
  h=$(median <"$B/times-$kase-hadoop"); d=$(median <"$B/times-$kase-drover")
  lines=$(cat "$B/out-$kase-drover"/part-* | wc -l)
  printf '%-7s hadoop-streaming %6.1f s   drover %6.1f s   speed-up %.2fx   (%d runs, %d output lines, same output)\n' \
    "$kase" "$h" "$d" "$(echo "$h / $d" | bc -l)" "$RUNS" "$lines"
  pairs "$kase" drover
  if [[ "$LAUNCHER" == 1 ]]; then
    l=$(median <"$B/times-$kase-launcher")
    printf '%-7s hadoop-streaming %6.1f s   bin/drover %6.1f s   speed-up %.2fx   (the launcher'"'"'s JVM flags; same output)\n' \
      "$kase" "$h" "$l" "$(echo "$h / $l" | bc -l)"
    pairs "$kase" launcher
  fi
done
