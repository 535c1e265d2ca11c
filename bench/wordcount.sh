#!/usr/bin/env bash
# Drover wordcount vs Hadoop's own WordCount (hadoop-mapreduce-examples 3.4.2) on
# gutenberg-medium (308 books, 106 MB; from $DROVER_DATA or ../shared/data), side by side in one run.
#
# Two settings, interleaved, RUNS times each: (1) plain `hadoop jar` (RunJar on the Hadoop 3.5.0
# client, stock settings but the local framework, 2 map slots and scratch dirs; the JVM's default
# flags for both): the headline; (2) both through bin/drover (conf/local). Checks all give the
# same counts, then prints the median wall time, throughput, peak RSS and the ratios.
#
#   bench/wordcount.sh [RUNS]      (default 3; run it on an otherwise idle machine)
#
# JVM flags: each runs with the launcher's default for it (Drover's programs: C1 JIT only; any
# other jar, Hadoop's WordCount here: the JVM's default). DROVER_OPTS applies to both and wins:
#   DROVER_OPTS=-XX:TieredStopAtLevel=4 bench/wordcount.sh   both with the JVM's default JIT
#   DROVER_OPTS=-XX:TieredStopAtLevel=1 bench/wordcount.sh   both with C1 only
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
BENCH="$ROOT/target/bench"
. "$ROOT/bench/lib.sh"
DATA="$(gutenberg_medium)"
IN="$BENCH/gutenberg-medium"
PEER_VERSION=3.4.2
PEER="$BENCH/peers/hadoop-mapreduce-examples-$PEER_VERSION.jar"
export DROVER_SCRATCH_DIR="$BENCH/scratch"

mkdir -p "$BENCH/peers"

if [[ ! -d "$IN/medium" ]]; then
  echo "bench: unpacking $(basename "$DATA") ..." >&2
  rm -rf "$IN.partial" && mkdir -p "$IN.partial"
  tar -xJf "$DATA" -C "$IN.partial"
  mv "$IN.partial" "$IN"
fi
if [[ ! -f "$PEER" ]]; then
  echo "bench: fetching hadoop-mapreduce-examples $PEER_VERSION from Maven Central ..." >&2
  (cd "$ROOT" && mvn -B -q dependency:copy \
    -Dartifact="org.apache.hadoop:hadoop-mapreduce-examples:$PEER_VERSION" \
    -DoutputDirectory="$BENCH/peers") >&2
fi
"$ROOT/bin/drover" --help >/dev/null 2>&1 || true # builds on first use

BYTES=$(du -sb "$IN/medium" | cut -f1)
FILES=$(find "$IN/medium" -type f | wc -l)
SLOTS=$(nproc)
echo "input: $FILES files, $BYTES bytes; $SLOTS map slots; $RUNS runs each, interleaved" >&2
JVM_NOTE="JVM flags: launcher defaults (drover: -XX:TieredStopAtLevel=1; hadoop: JVM default)${DROVER_OPTS:+, plus DROVER_OPTS=$DROVER_OPTS for both}"
plain_hadoop_jar # PLAIN, PLAIN_D, JOBS_JAR (bench/lib.sh)

rm -f "$BENCH"/*.times
for ((i = 1; i <= RUNS; i++)); do
  run plain-drover "$BENCH/out-plain-drover" "${PLAIN[@]}" "$JOBS_JAR" wordcount "${PLAIN_D[@]}" \
    "$IN/medium" "$BENCH/out-plain-drover"
  run plain-hadoop "$BENCH/out-plain-hadoop" "${PLAIN[@]}" "$PEER" wordcount "${PLAIN_D[@]}" \
    -D mapreduce.input.fileinputformat.input.dir.recursive=true "$IN/medium" "$BENCH/out-plain-hadoop"
  run drover "$BENCH/out-drover" "$ROOT/bin/drover" wordcount "$IN/medium" "$BENCH/out-drover"
  run hadoop "$BENCH/out-hadoop" "$ROOT/bin/drover" jar "$PEER" wordcount \
    -D mapreduce.input.fileinputformat.input.dir.recursive=true "$IN/medium" "$BENCH/out-hadoop"
done

# same counts, whatever the part file layout
for other in out-hadoop out-plain-drover out-plain-hadoop; do
  if ! cmp -s <(LC_ALL=C sort "$BENCH"/out-drover/part-*) <(LC_ALL=C sort "$BENCH/$other"/part-*); then
    echo "bench: outputs DIFFER (out-drover vs $other)" >&2
    diff <(LC_ALL=C sort "$BENCH"/out-drover/part-*) <(LC_ALL=C sort "$BENCH/$other"/part-*) | head >&2
    exit 1
  fi
done
DISTINCT=$(cat "$BENCH"/out-drover/part-* | wc -l)
TOKENS=$(cut -f2 "$BENCH"/out-drover/part-* | paste -sd+ | bc)

report() {
  local name="$1" t m
  t=$(cut -d' ' -f1 "$BENCH/$name.times" | median)
  m=$(cut -d' ' -f2 "$BENCH/$name.times" | sort -n | tail -n 1)
  printf '%-26s median %6.2f s  %6.1f MB/s  peak RSS %5d MB  (runs: %s)\n' "$2" "$t" \
    "$(echo "$BYTES / 1000000 / $t" | bc -l)" "$((m / 1024))" "$(cut -d' ' -f1 "$BENCH/$name.times" | paste -sd' ')"
}
echo
echo "gutenberg-medium: $FILES files, $((BYTES / 1000000)) MB, $TOKENS tokens, $DISTINCT distinct words (outputs identical)"
ratio() {
  local td th
  td=$(cut -d' ' -f1 "$BENCH/$1.times" | median)
  th=$(cut -d' ' -f1 "$BENCH/$2.times" | median)
  printf 'ratio: drover is %.2fx faster (median %s s vs %s s)\n' "$(echo "$th / $td" | bc -l)" "$td" "$th"
}
echo "1) plain hadoop jar (RunJar, stock settings, JVM default flags for both, 2 map slots)"
report plain-drover "drover wordcount"
report plain-hadoop "hadoop WordCount $PEER_VERSION"
ratio plain-drover plain-hadoop
echo "2) bin/drover (conf/local; $JVM_NOTE; $SLOTS map slots)"
report drover "drover wordcount"
report hadoop "hadoop WordCount $PEER_VERSION"
ratio drover hadoop
