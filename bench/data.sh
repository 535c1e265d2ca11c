# Sourced by the benchmarks: finds a big data file that only benchmarks need (tests use testdata/).
# Looked up in $DROVER_DATA, then ../shared/data beside the project root.
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
