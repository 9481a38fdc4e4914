#!/usr/bin/env bash
# Times `passerelle build` (release) on the sample and on generated corpora: median of 3 runs and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/passerelle
sizes=${BENCH_SIZES:-"300 1000"}
work=.bench
mkdir -p "$work"
printf '%-22s %10s %12s %14s %8s\n' corpus talents "median (s)" "peak RSS (MB)" files
run() {  # name content
  local name=$1 content=$2 times=() rss=0 out line
  rm -rf "$work/out-$name"
  for i in 1 2 3; do
    if ! out=$( { /usr/bin/time -f '%e %M' "$bin" build --content "$content" --themes Themes --output "$work/out-$name" --date 2026-11-24 >"$work/summary" ; } 2>&1 ); then
      echo "$out" >&2
      exit 1
    fi
    out=$(echo "$out" | tail -1)
    times+=("${out% *}")
    local kb=${out#* }
    (( kb > rss )) && rss=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  local talents files
  talents=$(sed -E 's/^Built: ([0-9]+) talents.*/\1/' "$work/summary")
  files=$(find "$work/out-$name" -type f | wc -l)
  printf '%-22s %10s %12s %14s %8s\n' "$name" "$talents" "$median" "$((rss / 1024))" "$files"
}
run sample Content
for n in $sizes; do
  python3 scripts/corpus.py "$n" "$work/content-$n" >/dev/null
  run "generated-$n" "$work/content-$n"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); command: make bench"
