#!/usr/bin/env bash
# Times `passerelle build` (release) on the sample and on generated corpora (BENCH_SIZES talents, a fifth as
# many vacancies; 1,000 and 10,000 by default, the size the matching target is set at): median of 5 runs,
# the match stage, peak memory and files written, then what matching adds to the largest build.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/passerelle
sizes=${BENCH_SIZES:-"1000 10000"}
work=.bench
mkdir -p "$work"
: > "$work/table"
: > "$work/compute"
printf '%-24s %8s %10s %11s %10s %10s %14s %8s\n' corpus talents vacancies "median (s)" "match (s)" "index (s)" "peak RSS (MB)" files
run() {  # name content
  local name=$1 content=$2 times=() matches=() indexes=() computes=() rss=0 out line
  rm -rf "$work/out-$name"
  for i in 1 2 3 4 5; do
    if ! out=$( { /usr/bin/time -f '%e %M' "$bin" build --timings --content "$content" --themes Themes --output "$work/out-$name" --date 2026-11-24 >"$work/summary" ; } 2>&1 ); then
      echo "$out" >&2
      exit 1
    fi
    matches+=("$(echo "$out" | awk '$1 == "match" {print $2}')")
    indexes+=("$(echo "$out" | awk '$1 == "index" {print $2}')")
    computes+=("$(echo "$out" | awk '$1 == "match" || $1 == "index" || $1 == "render" {sum += $2} END {printf "%.3f", sum}')")
    out=$(echo "$out" | tail -1)
    times+=("${out% *}")
    local kb=${out#* }
    (( kb > rss )) && rss=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  local talents vacancies files match index
  match=$(printf '%s\n' "${matches[@]}" | sort -n | sed -n 3p)
  index=$(printf '%s\n' "${indexes[@]}" | sort -n | sed -n 3p)
  echo "$name $(printf '%s\n' "${computes[@]}" | sort -n | sed -n 3p)" >> "$work/compute"
  talents=$(sed -E 's/^Built: ([0-9]+) talents.*/\1/' "$work/summary")
  vacancies=$(sed -E 's/^Built: [0-9]+ talents, ([0-9]+) vacancies.*/\1/' "$work/summary")
  files=$(find "$work/out-$name" -type f | wc -l)
  printf '%-24s %8s %10s %11s %10s %10s %14s %8s\n' "$name" "$talents" "$vacancies" "$median" "$match" "$index" "$((rss / 1024))" "$files" | tee -a "$work/table"
}
run sample Content
for n in $sizes; do
  python3 scripts/corpus.py "$n" "$work/content-$n" >/dev/null
  run "generated-$n" "$work/content-$n"
done
# What matching adds to a build: the largest corpus again with matches hidden (site.yml matching.show: false).
largest=${sizes##* }
if [ -n "$largest" ]; then
  rm -rf "$work/content-$largest-nomatch"
  cp -r "$work/content-$largest" "$work/content-$largest-nomatch"
  printf 'matching:\n  show: false\n' >> "$work/content-$largest-nomatch/site.yml"
  run "generated-$largest-nomatch" "$work/content-$largest-nomatch"
  with=$(awk -v n="generated-$largest" '$1 == n {print $4}' "$work/table")
  without=$(awk -v n="generated-$largest-nomatch" '$1 == n {print $4}' "$work/table")
  stage_with=$(awk -v n="generated-$largest" '$1 == n {print $2}' "$work/compute")
  stage_without=$(awk -v n="generated-$largest-nomatch" '$1 == n {print $2}' "$work/compute")
  echo "matching adds $(awk -v a="$stage_with" -v b="$stage_without" 'BEGIN {printf "%.2f", a - b}') s of computing (match, index and render stages: median $stage_with s with matches, $stage_without s without)"
  echo "and $(awk -v a="$with" -v b="$without" 'BEGIN {printf "%.2f", a - b}') s of wall-clock time to the build of $largest talents (median $with s with matches, $without s without; load and write vary by a second or more with the disk)"
fi
# The anchor: Hugo building the same talent Markdown files with a minimal site (one template per page kind),
# where hugo is installed. Hugo renders the talent pages only: no vacancies, matching or search index.
if command -v hugo >/dev/null && [ -n "$largest" ]; then
  for n in $sizes; do
    site="$work/hugo-$n"
    rm -rf "$site" && mkdir -p "$site/content/talents" "$site/layouts/_default"
    cp "$work/content-$n"/talents/*.md "$site/content/talents/"
    printf 'baseURL = "https://bench.example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' > "$site/hugo.toml"
    printf '<!DOCTYPE html><html lang="en"><head><title>{{ .Title }}</title></head><body><h1>{{ .Params.name }}</h1><p>{{ .Params.headline }}</p><ul>{{ range .Params.skills }}<li>{{ . }}</li>{{ end }}</ul>{{ .Content }}</body></html>\n' > "$site/layouts/_default/single.html"
    printf '<!DOCTYPE html><html lang="en"><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.name }}</a></li>{{ end }}</ul></body></html>\n' > "$site/layouts/_default/list.html"
    times=() rss=0
    for i in 1 2 3; do
      rm -rf "$site/public"
      out=$( { /usr/bin/time -f '%e %M' hugo --quiet -s "$site" >/dev/null; } 2>&1 | tail -1)
      times+=("${out% *}")
      kb=${out#* }
      (( kb > rss )) && rss=$kb
    done
    hugo_time=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    pages=$(find "$site/public" -name index.html | wc -l)
    ours=$(awk -v n="generated-$n" '$1 == n {print $4}' "$work/table")
    echo "hugo $(hugo version | awk '{print $2}'), $n-talent corpus: $pages pages (Markdown talents only) in $hugo_time s (median of 3), $((rss / 1024)) MB; passerelle's full build takes $(awk -v a="$ours" -v b="$hugo_time" 'BEGIN {printf "%.2f", a / b}') times as long"
  done
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); command: make bench"
