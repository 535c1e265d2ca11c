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
