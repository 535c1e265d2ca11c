# Sourced by the benchmarks. bench_data finds a big data file that only benchmarks need (tests
# use testdata/): in $DROVER_DATA, then ../shared/data beside the project root.
#   bench_data REL SHA256 SOURCE   -> prints the path, or explains what is missing and exits 2
bench_data() {
  local rel="$1" sum="$2" source="$3" root
  for root in "${DROVER_DATA:-}" "$ROOT/../shared/data"; do
    if [[ -n "$root" && -f "$root/$rel" ]]; then
      echo "$root/$rel"
      return 0
    fi
  done
  cat >&2 <<MSG
bench: $rel not found in \$DROVER_DATA (${DROVER_DATA:-unset}) or $ROOT/../shared/data.
  It is public data: $source
  Put it at \$DROVER_DATA/$rel (sha256 $sum) and run again.
MSG
  exit 2
}

# gutenberg-medium.tar.xz, the word count benchmarks' input
gutenberg_medium() {
  bench_data text/gutenberg-medium.tar.xz \
    4c2a1245d23814bb5bba6cd5d662f8d15d97befbb89932a36d2dd6b17f989125 \
    "308 Project Gutenberg books (Dickens, Twain, Doyle) from GitHub rcdm-uga/Gutenberg_Text @ a0b16d35, packed as medium/<author>/<book>.txt in a tar.xz"
}

# run NAME OUT CMD...: runs CMD once (OUT removed first), appends "seconds maxrss_kb" to
# $BENCH/NAME.times, keeps its output in $BENCH/NAME.log and stops the benchmark if it fails
run() {
  local name="$1" out="$2"
  shift 2
  rm -rf "$out"
  /usr/bin/time -f "%e %M" -o "$BENCH/$name.last" "$@" >"$BENCH/$name.log" 2>&1 || {
    echo "bench: $name failed; see $BENCH/$name.log" >&2
    tail -n 20 "$BENCH/$name.log" >&2
    exit 1
  }
  cat "$BENCH/$name.last" >>"$BENCH/$name.times"
  echo "  $name: $(cut -d' ' -f1 "$BENCH/$name.last") s" >&2
}

# BENCH=target/bench with bin/drover's scratch dir under it; bin/drover builds on first use
drover_bench_dir() {
  BENCH="$ROOT/target/bench"
  export DROVER_SCRATCH_DIR="$BENCH/scratch"
  mkdir -p "$BENCH"
  "$ROOT/bin/drover" >/dev/null 2>&1 || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# pair_ratios A B: the ratio of line i of file A to line i of file B (runs interleaved in pairs),
# one per line; their median tracks a machine whose speed drifts better than a ratio of medians
pair_ratios() { paste "$1" "$2" | awk '{printf "%.4f\n", $1 / $2}'; }

# a9a (LIBSVM, 32,561 rows, 123 features), the gd and kmeans benchmarks' input
a9a() {
  bench_data classification/a9a \
    f5d5ffd8d865ff41328e7ee043e4b020816914ff6843ff15b98905ddbedce906 \
    "LIBSVM a9a (UCI Adult), from the LIBSVM data page (copy in GitHub zhengruifeng/SparkGBM @ c4937579)"
}

# Plain `hadoop jar`: PLAIN (RunJar on the Hadoop 3.5.0 client classpath, no conf dir, so stock
# settings and the JVM's default flags) and PLAIN_D (the generic options it needs here: the local
# framework, 2 map slots, scratch dirs under $BENCH). Needs the built jars (bin/drover builds them).
plain_hadoop_jar() {
  PLAIN_D=(-D mapreduce.framework.name=local -D mapreduce.local.map.tasks.maximum=2
    -D hadoop.tmp.dir="$BENCH/scratch/plain" -D mapreduce.jobtracker.staging.root.dir="$BENCH/scratch/plain/staging")
  PLAIN=(java -Djava.io.tmpdir="$BENCH/scratch/tmp" -cp "$(cat "$ROOT/common/target/hadoop-classpath.txt")"
    org.apache.hadoop.util.RunJar)
  mkdir -p "$BENCH/scratch/tmp"
  JOBS_JAR="$(ls "$ROOT"/jobs/target/drover-jobs-*.jar | grep -v -e original -e tests | head -n 1)"
}

# The Spark MLlib peer (bench/spark-peer, Spark 3.5.9, its own Maven project outside the build):
# built on first use into bench/spark-peer/target; SPARK then runs its main on local[2] as
# spark-submit would start the driver JVM on Java 17 (spark-launcher's JavaModuleOptions, and
# spark.driver.memory's default 1g).
spark_peer() {
  local dir="$ROOT/bench/spark-peer"
  if [[ ! -f "$dir/target/classpath.txt" || -n "$(find "$dir/pom.xml" "$dir/src" -newer "$dir/target/classpath.txt" -type f -print -quit)" ]]; then
    echo "bench: building the Spark MLlib peer (bench/spark-peer; the first build downloads Spark) ..." >&2
    (cd "$dir" && mvn -B -q -DskipTests package) >&2
  fi
  local opens=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false
    --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED) p
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
    sun.security.action sun.util.calendar; do
    opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
  done
  mkdir -p "$BENCH/scratch/spark-tmp"
  SPARK=(java -Xmx1g "${opens[@]}" -Djava.io.tmpdir="$BENCH/scratch/spark-tmp"
    -cp "$dir/target/drover-spark-peer-1.jar:$(cat "$dir/target/classpath.txt")"
    io.drover.bench.spark.SparkPeer)
}

# times_median NAME: the median of NAME's wall times; times_ratio A B: A's median over B's
times_median() { cut -d' ' -f1 "$BENCH/$1.times" | median; }
times_all() { cut -d' ' -f1 "$BENCH/$1.times" | paste -sd' '; }
times_ratio() { echo "$(times_median "$1") $(times_median "$2")" | awk '{printf "%.2f", $1 / $2}'; }

# bench_iterative P PROGRAM DATA AFTER SPARK_ARGS... -- FLAGS...: RUNS rounds, interleaved, of
# P-drover (bin/drover PROGRAM FLAGS DATA out), P-drover-plain (the same under plain `hadoop jar`)
# and P-spark (the Spark peer with SPARK_ARGS and its output file last); after each P-drover run
# the function AFTER (or : for nothing) gets that run's output dir; Spark's training ms go to
# $BENCH/P-spark.train. Needs plain_hadoop_jar and spark_peer first.
bench_iterative() {
  local p="$1" program="$2" data="$3" after="$4" spark=() i
  shift 4
  while [[ "$1" != -- ]]; do
    spark+=("$1")
    shift
  done
  shift
  rm -f "$BENCH/$p"-{drover,drover-plain,spark}.times "$BENCH/$p-spark.train"
  for ((i = 1; i <= RUNS; i++)); do
    run "$p-drover" "$BENCH/$p-drover" "$ROOT/bin/drover" "$program" "$@" "$data" "$BENCH/$p-drover"
    "$after" "$BENCH/$p-drover"
    run "$p-drover-plain" "$BENCH/$p-drover-plain" "${PLAIN[@]}" "$JOBS_JAR" "$program" \
      "${PLAIN_D[@]}" "$@" "$data" "$BENCH/$p-drover-plain"
    run "$p-spark" "$BENCH/$p-spark.txt" "${SPARK[@]}" "${spark[@]}" "$BENCH/$p-spark.txt"
    sed -n 's/^spark: train_ms \([0-9]*\) .*/\1/p' "$BENCH/$p-spark.log" >>"$BENCH/$p-spark.train"
  done
}
