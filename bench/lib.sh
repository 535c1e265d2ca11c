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

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
